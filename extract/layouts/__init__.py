"""One module per layout family; each turns source lines into `Row`s."""
