"""Canonical forms → an HTML page as governments publish them.

The page carries what a reader must ignore (site navigation, a script, a
style sheet) around what it must read (heading, byline, the table with
rowspan/colspan, a check box), so one fixture tests both.
"""

from __future__ import annotations

from html import escape

from tests.render.canonical import CanonicalForm

STYLE = """
body { font-family: "Noto Sans CJK SC", sans-serif; font-size: 14px; margin: 24px; }
table { border-collapse: collapse; width: 100%; margin-bottom: 18px; }
td, th { border: 1px solid #000; padding: 4px 6px; vertical-align: middle; }
h2 { text-align: center; font-size: 20px; }
.form { page-break-after: always; }
"""
TICKS = ('<p>项目属性：<label><input type="checkbox" checked>新增项目</label> '
         '<label><input type="checkbox">延续项目</label></p>')


def render_html(forms: list[CanonicalForm], title: str = "绩效目标公开", charset: str = "utf-8") -> bytes:
    """One page holding `forms` in order, encoded in `charset` (declared in a meta tag)."""
    body = "\n".join(_form_html(form) for form in forms)
    page = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="{charset}">
<title>{escape(title)}</title>
<style>{STYLE}</style>
<script>document.title = "脚本不应被读取";</script>
</head>
<body>
<nav class="site-nav"><a href="/">首页</a> &gt; <a href="/xxgk">信息公开</a> &gt; 预算公开</nav>
{body}
<footer><p>主办单位：某某人民政府办公室</p></footer>
</body>
</html>
"""
    return page.encode(charset)


def _form_html(form: CanonicalForm) -> str:
    headings = "\n".join(f"<h2>{escape(h)}</h2>" for h in form.headings)
    tables = "\n".join(table_html(t) for t in form.tables)
    return f'<div class="form">\n{headings}\n<p>填报日期：2024年1月5日</p>\n{TICKS}\n{tables}\n</div>'


def table_html(table) -> str:
    """A canonical table as `<table>` with rowspan/colspan; `\\n` in a cell becomes `<br>`."""
    rows = []
    for row in table:
        cells = []
        for text, rs, cs in row:
            attrs = (f' rowspan="{rs}"' if rs > 1 else "") + (f' colspan="{cs}"' if cs > 1 else "")
            cells.append(f"<td{attrs}>{'<br>'.join(escape(part) for part in text.split(chr(10)))}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return '<table border="1">\n' + "\n".join(rows) + "\n</table>"
