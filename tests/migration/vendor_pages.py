"""Pages built the way vendor platforms print them (shapes from the sample's README, which
copies the 平潭 platform's markup exactly, and from the TRS and 大汉 templates county sites
commonly run): a <table> metadata block, <meta name="ArticleTitle"> with no block, and a
div.xxgk_info of <li> whose labels are padded with &ensp;."""

HOST = "www.example-county.gov.cn"
BASE = f"https://{HOST}/zwgk/"

CHROME_TOP = """<div class="header">县政府门户网站 首页 政务公开 办事服务</div>
<div class="position">当前位置：首页 &gt; 政务公开 &gt; {column}</div>"""
CHROME_BOTTOM = """<div class="share">分享到：微信 微博 QQ空间</div>
<div class="footer">主办单位：示例县人民政府办公室 网站标识码：3500000000 闽ICP备00000000号</div>"""


def table_page(*, index_number, number, written, published, title, body, validity="有效"):
    """TRS-style: the catalogue block as a table, the body in div.TRS_Editor."""
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>{title}_示例县人民政府</title><script>var a = "索引号：不是这个";</script></head><body>
{CHROME_TOP.format(column="行政规范性文件")}
<table class="xxgk_table">
<tr><td>索 引 号：</td><td>{index_number}</td><td>主题分类：</td><td>城乡建设</td></tr>
<tr><td>发文机关：</td><td>示例县人民政府</td><td>成文日期：</td><td>{written}</td></tr>
<tr><td>标　　题：</td><td colspan="3">{title}</td></tr>
<tr><td>发文字号：</td><td>{number}</td><td>发布日期：</td><td>{published}</td></tr>
<tr><td>有 效 性：</td><td>{validity}</td></tr>
</table>
<div class="article"><h1>{title}</h1>
<div class="TRS_Editor">{body}</div></div>
{CHROME_BOTTOM}</body></html>"""


def meta_page(*, title, published, source, column, body):
    """The main-site template: no block, only <meta> tags; the body in #zoom."""
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<meta name="ColumnName" content="{column}"/>
<meta name="ArticleTitle" content="{title}"/>
<meta name="PubDate" content="{published}"/>
<meta name="ContentSource" content="{source}"/>
<title>{title}</title></head><body>
{CHROME_TOP.format(column=column)}
<h1 class="article_title">{title}</h1>
<span class="article_time">时间：{published}</span>
<div id="zoom">{body}</div>
{CHROME_BOTTOM}</body></html>"""


def xxgk_info_page(*, index_number, written, published, number, title, body):
    """The department template: a <ul> of <li> in div.xxgk_info, labels padded with &ensp;
    (README example 1), the value of 有效性 in <em>."""
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head><body>
{CHROME_TOP.format(column="其他文件")}
<div class="xxgk_info"><ul>
<li class="trt-col-12 trt-col-sm-24">发布日期：{published}</li>
<li>有&ensp;效&ensp;性：<em class="red_base">有效</em></li>
<li>索&ensp;引&ensp;号：<font>{index_number}</font></li>
<li>主题分类：<font>无</font></li>
<li>发文机关：<font>示例县财政局</font></li>
<li>标&ensp;&ensp;&ensp;&ensp;题：<font>{title}</font></li>
<li>发文字号：<font>{number}</font></li>
<li class="trt-col-12 trt-col-sm-24">成文日期：{written}</li>
</ul></div>
<div class="article_content"><p>{title}</p>{body}</div>
{CHROME_BOTTOM}</body></html>"""
