#!/usr/bin/env python3
"""Writes the sample forum's pages (demo/forum/*.html) in Discuz! X3's default-template markup.

The content below is the demo's story; edit it here and run `python3 demo/make-forum.py`.
Markup follows template/default/forum/forumdisplay_list.htm and viewthread_node.htm of
Discuz! X3 (ids normalthread_<tid>, post_<pid>, postnum<pid>, authorposton<pid>,
postmessage_<pid>; classes xst, num, authi, plhin, t_f, quote, pstatus).
Times are written as of forum.yaml's reference_now; the demo server shifts them to "now".
"""
import html
import os
from datetime import datetime, timedelta

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "forum")
SITE = "阳光花园业主论坛"
REFERENCE = datetime(2026, 11, 18, 11, 30)
BOARDS = {"2": "业主投诉", "36": "邻里闲聊"}
PER_PAGE = 5  # posts per thread page (small, so the demo shows pagination)

# Each post: (pid, author, uid, "MM-DD HH:MM", body). Body lines: plain text; a line starting
# with "> " quotes an earlier post; "[edit]" adds an edit notice; "[img]" an inline image.
THREADS = [
    dict(tid=101, fid="2", type="报修", views=523, title="3号楼电梯又坏了，困了人！", posts=[
        (1001, "张先生", 1001, "11-18 08:12", "[edit]\n今天早上7点40分，3号楼2单元的电梯又坏了，我家老人被困在电梯里二十多分钟，打物业电话一直没人接。\n这个月已经是第三次了，物业到底管不管？[img]"),
        (1002, "陈阿姨", 1002, "11-18 08:31", "同样，3号楼的电梯这个月坏了三次，每次都说修好了，第二天又坏。"),
        (1003, "老刘", 1003, "11-18 08:40", "顶"),
        (1004, "小周", 1004, "11-18 08:52", "> 张先生: 今天早上7点40分，3号楼2单元的电梯又坏了\n我家也是3号楼，天天提心吊胆"),
        (1010, "阳台种菜", 1010, "11-18 09:05", "+1"),
        (1011, "王大姐", 1011, "11-18 09:20", "我们3号楼的业主已经受够了，再这样下去大家一起去12345投诉。"),
        (1012, "豆豆妈", 1012, "11-18 10:05", "同感"),
    ]),
    dict(tid=102, fid="2", type="投诉", views=211, title="3栋电梯困人，物业电话没人接", posts=[
        (1020, "李女士", 1005, "11-18 08:25", "早上我妈妈在3号楼电梯里被困了，关在里面快半个小时，物业电话打了五六次都没人接，最后是邻居撬开的门。\n电梯故障这么多次，维保单位到底有没有在检修？"),
        (1021, "小周", 1004, "11-18 08:58", "同样的情况，楼主妈妈没事吧"),
    ]),
    dict(tid=103, fid="2", type="报修", views=96, title="5号楼地下车库漏水一周了没人修", posts=[
        (1030, "赵工", 1007, "11-17 19:40", "5号楼地下车库B区顶上一直在漏水，已经一个星期了，报修了两次都没人来修，车顶全是水渍。"),
        (1031, "物业客服中心", 9001, "11-18 09:10", "赵先生您好，非常抱歉给您带来不便。工程部今天上午已到5号楼地下车库B区查看，漏水点在消防管接口，已安排维修，今晚完成后在本帖回复。客服热线 400-800-1234。"),
        (1032, "赵工", 1007, "11-18 09:30", "好的，等你们消息。"),
    ]),
    dict(tid=104, fid="2", type="投诉", views=388, title="物业费无故上涨，我们8号楼全体业主要求公开账目", posts=[
        (1040, "业委会老何", 1008, "11-18 07:55", "今年物业费涨了30%，公摊电费每户多收了120元，物业没有任何通知。\n我们8号楼全体业主联名要求公开账目，给个说法。"),
        (1041, "8号楼小林", 1013, "11-18 08:20", "附议，凭什么收这么多公摊费？"),
        (1042, "胖虎爸爸", 1014, "11-18 08:45", "支持联名，我们8号楼32户都签了字。"),
        (1043, "吴老师", 1015, "11-18 09:15", "+1"),
        (1044, "舒舒", 1016, "11-18 09:40", "同样"),
    ]),
    dict(tid=105, fid="2", type="投诉", views=174, title="7号楼停水两天了，再不解决就找电视台曝光", posts=[
        (1050, "孙先生", 1009, "11-18 10:20", "7号楼已经停水两天了，物业一句解释都没有，也不提前通知。家里有老人小孩，做饭洗澡都成问题。\n如果明天还不来水，我就打12345，再找电视台来曝光。"),
    ]),
    dict(tid=106, fid="2", type="其他", views=58, title="小区南门的路灯不亮一个月了", posts=[
        (1060, "夜跑的阿杰", 1017, "11-18 11:02", "南门到3号楼那段路灯坏了一个月了，晚上回家全靠手机照明，报修了也没人管。"),
    ]),
    dict(tid=107, fid="2", type="表扬", views=45, title="表扬一下2号楼的保洁阿姨", posts=[
        (1070, "花花", 1018, "11-17 18:30", "2号楼的保洁阿姨每天把楼道拖得干干净净，还帮我把快递搬上楼，必须点赞！"),
        (1071, "物业客服中心", 9001, "11-17 20:05", "谢谢您的肯定，我们会把表扬转达给刘阿姨。"),
    ]),
    dict(tid=108, fid="2", type="咨询", views=33, title="请问门禁卡在哪里办理？", posts=[
        (1080, "新业主小杨", 1019, "11-18 10:40", "请问新搬来的业主门禁卡在哪里办理？需要带什么材料？"),
        (1081, "老刘", 1003, "11-18 10:55", "去北门物业服务中心，带房产证和身份证就行。"),
    ]),
    dict(tid=109, fid="2", type="投诉", views=40, title="Gym in the clubhouse closed for weeks, no notice", posts=[
        (1090, "Mark_W", 1020, "11-18 09:50", "The gym in the clubhouse has been closed for weeks without notice. We pay the management fee every month and nobody came to explain. This is unacceptable."),
    ]),
    dict(tid=201, fid="36", type=None, views=120, title="转：3号楼电梯又坏了，困了人！", posts=[
        (2010, "热心邻居", 1021, "11-18 09:00", "今天早上7点40分，3号楼2单元的电梯又坏了，我家老人被困在电梯里二十多分钟，打物业电话一直没人接。\n这个月已经是第三次了，物业到底管不管？"),
    ]),
    dict(tid=202, fid="36", type=None, views=67, title="出售九成新婴儿推车，低价转让", posts=[
        (2020, "宝妈琪琪", 1022, "11-17 21:10", "九成新婴儿推车出售，原价1200，现价300，3号楼自提，有意私信。"),
    ]),
    dict(tid=203, fid="36", type=None, views=89, title="周末有人一起在中心花园打羽毛球吗", posts=[
        (2030, "羽毛球爱好者", 1023, "11-18 07:30", "周六上午9点中心花园，有兴趣的邻居一起来打羽毛球啊！"),
        (2031, "夜跑的阿杰", 1017, "11-18 08:05", "算我一个"),
    ]),
    dict(tid=204, fid="36", type=None, views=51, title="今晚停电检修是几点？", posts=[
        (2040, "程序员小吴", 1024, "11-18 10:10", "不是投诉，只是问一下今晚停电检修几点开始，我要提前把电脑的活干完。"),
    ]),
    dict(tid=205, fid="36", type=None, views=74, title="谢谢物业及时修好了6号楼的电梯", posts=[
        (2050, "6号楼钱叔", 1025, "11-18 09:35", "昨天6号楼电梯有异响，今天一早就修好了，谢谢物业的师傅们，辛苦了！"),
    ]),
]
STICKY = dict(tid=100, fid="2", type="公告", views=1503, title="【公告】物业服务中心24小时报修热线", posts=[
    (1000, "物业客服中心", 9001, "11-10 09:00", "各位业主：报修请拨打 400-800-1234，或到北门物业服务中心登记。紧急情况（电梯困人、漏水、停电）24小时有人值班。"),
])


def when(text):
    month, rest = text.split("-")
    day, clock = rest.split(" ")
    hour, minute = clock.split(":")
    return datetime(REFERENCE.year, int(month), int(day), int(hour), int(minute))


def stamp(moment):
    return f"{moment.year}-{moment.month}-{moment.day} {moment:%H:%M}"


def posted_on(moment):
    """Discuz! prints recent posts as '3 小时前' with the absolute time in a span's title."""
    age = REFERENCE - moment
    if age < timedelta(hours=1):
        return f'<span title="{stamp(moment)}">{max(1, age.seconds // 60)}&nbsp;分钟前</span>'
    if age < timedelta(days=1) and moment.day == REFERENCE.day:
        return f'<span title="{stamp(moment)}">{age.seconds // 3600}&nbsp;小时前</span>'
    return stamp(moment)


def page_links(prefix, current, last):
    if last == 1:
        return ""
    links = "".join(f"<strong>{n}</strong>" if n == current else f'<a href="{prefix(n)}">{n}</a>' for n in range(1, last + 1))
    if current < last:
        links += f'<a href="{prefix(current + 1)}" class="nxt">下一页</a>'
    return f'<div class="pg">{links}</div>'


def head(title):
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>{html.escape(title)} - Powered by Discuz!</title>
<meta name="generator" content="Discuz! X3.4" />
<script type="text/javascript">var STYLEID = '1', IMGDIR = 'static/image/common', VERHASH = 'kX3';</script>
<script src="static/js/common.js?kX3" type="text/javascript"></script>
<style type="text/css">.xst {{ font-size: 14px; }}</style>
</head>
"""


def body_html(pid, text, moment, author):
    parts = []
    for line in text.split("\n"):
        if line.startswith("[edit]"):
            edited = stamp(moment + timedelta(minutes=7))
            parts.append(f'<i class="pstatus"> 本帖最后由 {html.escape(author)} 于 {edited} 编辑 </i><br />')
        elif line.startswith("> "):
            who, quoted = line[2:].split(": ", 1)
            parts.append(f'<div class="quote"><blockquote><font size="2"><a href="forum.php?mod=redirect&amp;goto=findpost&amp;pid=1001" target="_blank">'
                         f'<font color="#999999">{html.escape(who)} 发表于 {stamp(moment - timedelta(minutes=40))}</font></a></font><br />'
                         f'{html.escape(quoted)}</blockquote></div><br />')
        else:
            image = '<img id="aimg_88" aid="88" src="static/image/common/none.gif" zoomfile="data/attachment/forum/201811/18/lift.jpg" file="data/attachment/forum/201811/18/lift.jpg" class="zoom" width="600" alt="" />'
            line = html.escape(line.replace("[img]", "\x00")).replace("\x00", image)
            parts.append(line + "<br />")
    return "\r\n".join(parts)


def post_html(thread, index, post, first_floor, template=False):
    """One post's markup; with template=True, the markup with @@NAME@@ slots the demo server fills for live posts."""
    pid, author, uid, at, text = post
    if template:
        floor, number, posted, body = None, "@@FLOOR@@", "@@POSTED_ON@@", "@@BODY@@<br />"
        topics, credits = "@@TOPICS@@", "@@CREDITS@@"
    else:
        moment = when(at)
        floor = first_floor + index
        names = {1: "楼主", 2: "沙发", 3: "板凳", 4: "地板"}
        number = names.get(floor, f"<em>{floor}</em><sup>#</sup>")
        posted, body = posted_on(moment), body_html(pid, text, moment, author)
        topics, credits = 3 + uid % 40, 20 + uid % 300
    link = f"thread-{thread['tid']}-1-1.html" if floor == 1 else f"forum.php?mod=redirect&amp;goto=findpost&amp;ptid={thread['tid']}&amp;pid={pid}"
    return f"""<div id="post_{pid}" >
<table id="pid{pid}" class="plhin" summary="pid{pid}" cellspacing="0" cellpadding="0">
<tr>
<td class="pls" rowspan="2">
<div id="favatar{pid}" class="pls favatar">
<div class="pi">
<div class="authi"><a href="home.php?mod=space&amp;uid={uid}" target="_blank" class="xw1">{html.escape(author)}</a>
</div>
</div>
<div class="p_pop blk bui card_gender_0" id="userinfo{pid}" style="display: none; margin-top: -11px;"><div class="m z"><div id="userinfo{pid}_ma"></div></div></div>
<div><div class="avatar" onmouseover="showauthor(this, 'userinfo{pid}')"><a href="home.php?mod=space&amp;uid={uid}" class="avtm" target="_blank"><img src="uc_server/avatar.php?uid={uid}&amp;size=middle" /></a></div></div>
<div class="tns xg2"><table cellspacing="0" cellpadding="0"><th><p><a href="home.php?mod=space&amp;uid={uid}&amp;do=thread&amp;type=thread&amp;view=me&amp;from=space" class="xi2">{topics}</a></p>主题</th><td><p><a href="home.php?mod=space&amp;uid={uid}&amp;do=profile" class="xi2">{credits}</a></p>积分</td></table></div>
</div>
</td>
<td class="plc">
<div class="pi">
<strong>
<a href="{link}" id="postnum{pid}" onclick="setCopy(this.href, '帖子地址复制成功');return false;">
{number}</a>
</strong>
<div class="pti">
<div class="pdbt">
</div>
<div class="authi">
<img class="authicn vm" id="authicon{pid}" src="static/image/common/online_member.gif" />
<em id="authorposton{pid}">发表于 {posted}</em>
<span class="pipe">|</span>
<a href="forum.php?mod=viewthread&amp;tid={thread['tid']}&amp;page=1&amp;authorid={uid}" rel="nofollow">只看该作者</a>
</div>
</div>
</div><div class="pct"><div class="pcb">
<div class="t_fsz">
<table cellspacing="0" cellpadding="0"><tr><td class="t_f" id="postmessage_{pid}">
{body}
</td></tr></table>
</div>
<div id="comment_{pid}" class="cm">
</div>
</div>
</div>
</td></tr>
<tr><td class="plc plm">
<div class="sign" style="max-height:100px;maxHeightIE:100px;">阳光花园，我的家</div>
</td>
</tr>
</table>
</div>
"""


def thread_pages(thread):
    posts = thread["posts"]
    pages = max(1, (len(posts) + PER_PAGE - 1) // PER_PAGE)
    board = BOARDS[thread["fid"]]
    for page in range(1, pages + 1):
        chunk = posts[(page - 1) * PER_PAGE: page * PER_PAGE]
        nav = page_links(lambda n: f"thread-{thread['tid']}-{n}-1.html", page, pages)
        kind = f'<a href="forum.php?mod=forumdisplay&amp;fid={thread["fid"]}&amp;filter=typeid&amp;typeid=1">[{thread["type"]}]</a> ' if thread["type"] else ""
        content = head(f"{thread['title']} - {board} - {SITE}") + f"""<body id="nv_forum" class="pg_viewthread" onkeydown="if(event.keyCode==27) return false;">
<div id="append_parent"></div><div id="ajaxwaitid"></div>
<div id="hd"><div class="wp"><div class="hdc cl"><h2><a href="./" title="{SITE}"><img src="static/image/common/logo.png" alt="{SITE}" border="0" /></a></h2></div></div></div>
<div id="wp" class="wp">
<div id="pt" class="bm cl">
<div class="z">
<a href="./" class="nvhm" title="首页">{SITE}</a> <em>&raquo;</em><a href="forum.php">论坛</a> <em>&rsaquo;</em> <a href="forum-{thread['fid']}-1.html">{board}</a> <em>&rsaquo;</em> <a href="thread-{thread['tid']}-1-1.html">{html.escape(thread['title'])}</a>
</div>
</div>
<div id="ct" class="wp cl">
<div id="pgt" class="pgs mbm cl ">
<div class="pgt">{nav}</div>
<span class="y pgb"><a href="forum-{thread['fid']}-1.html">返回列表</a></span>
</div>
<div id="postlist" class="pl bm">
<table cellspacing="0" cellpadding="0">
<tr>
<td class="pls ptn pbn">
<div class="hm ptn">
<span class="xg1">查看:</span> <span class="xi1">{thread['views']}</span><span class="pipe">|</span><span class="xg1">回复:</span> <span class="xi1">{len(posts) - 1}</span>
</div>
</td>
<td class="plc ptm pbn vwthd">
<h1 class="ts">
{kind}<span id="thread_subject">{html.escape(thread['title'])}</span>
</h1>
</td>
</tr>
</table>
{"".join(post_html(thread, i, p, (page - 1) * PER_PAGE + 1) for i, p in enumerate(chunk))}
<div id="postlistreply" class="pl"><div id="post_new" class="viewthread_table" style="display: none"></div></div>
</div>
<div class="pgs mtm mbm cl">{nav}</div>
</div>
</div>
<div id="ft" class="wp cl"><div id="flk" class="y"><p>Powered by <strong><a href="http://www.discuz.net" target="_blank">Discuz!</a></strong> <em>X3.4</em></p></div></div>
<script type="text/javascript">_attachEvent(window, 'load', getForbiddenFormula, document);</script>
</body>
</html>
"""
        write(f"thread-{thread['tid']}-{page}-1.html", content)


def thread_row(thread, sticky=False):
    first, last = thread["posts"][0], thread["posts"][-1]
    pages = max(1, (len(thread["posts"]) + PER_PAGE - 1) // PER_PAGE)
    more = "" if pages == 1 else f'<span class="tps">&nbsp;...<a href="thread-{thread["tid"]}-{pages}-1.html">{pages}</a></span>'
    kind = f'<em>[<a href="forum.php?mod=forumdisplay&amp;fid={thread["fid"]}&amp;filter=typeid&amp;typeid=1">{thread["type"]}</a>]</em> ' if thread["type"] else ""
    return f"""<tbody id="{'stickthread' if sticky else 'normalthread'}_{thread['tid']}">
<tr>
<td class="icn">
<a href="thread-{thread['tid']}-1-1.html" title="有新回复 - 新窗口打开" target="_blank"><img src="static/image/common/folder_new.gif" /></a>
</td>
<th class="new">
<a href="javascript:;" id="content_{thread['tid']}" class="showcontent y" title="更多操作" onclick="CONTENT_TID='{thread['tid']}';CONTENT_ID='normalthread_{thread['tid']}';showMenu({{'ctrlid':this.id,'menuid':'content_menu'}})"></a>
{kind}<a href="thread-{thread['tid']}-1-1.html" onclick="atarget(this)" class="s xst">{html.escape(thread['title'])}</a>
{more}
</th>
<td class="by">
<cite><a href="home.php?mod=space&amp;uid={first[2]}" c="1">{html.escape(first[1])}</a></cite>
<em><span>{when(first[3]):%Y-%m-%d}</span></em>
</td>
<td class="num"><a href="thread-{thread['tid']}-1-1.html" class="xi2">{len(thread['posts']) - 1}</a><em>{thread['views']}</em></td>
<td class="by">
<cite><a href="home.php?mod=space&amp;username={html.escape(last[1])}" c="1">{html.escape(last[1])}</a></cite>
<em><a href="forum.php?mod=redirect&amp;tid={thread['tid']}&amp;goto=lastpost#lastpost">{stamp(when(last[3]))}</a></em>
</td>
</tr>
</tbody>
"""


def board_pages(fid, threads, sticky):
    pages = max(1, (len(threads) + 5) // 6)
    for page in range(1, pages + 1):
        rows = "".join(thread_row(t) for t in threads[(page - 1) * 6: page * 6])
        if page == 1 and sticky:
            rows = thread_row(sticky, sticky=True) + '<tbody id="separatorline"><tr class="ts"><td>&nbsp;</td><th>版块主题</th><td>&nbsp;</td><td>&nbsp;</td><td>&nbsp;</td></tr></tbody>\n' + rows
        nav = page_links(lambda n: f"forum-{fid}-{n}.html", page, pages)
        content = head(f"{BOARDS[fid]} - {SITE}") + f"""<body id="nv_forum" class="pg_forumdisplay" onkeydown="if(event.keyCode==27) return false;">
<div id="wp" class="wp">
<div id="pt" class="bm cl"><div class="z"><a href="./" class="nvhm" title="首页">{SITE}</a> <em>&raquo;</em><a href="forum.php">论坛</a> <em>&rsaquo;</em> <a href="forum-{fid}-1.html">{BOARDS[fid]}</a></div></div>
<div class="boardnav">
<div id="ct" class="wp cl">
<div class="mn">
<div class="bm bml pbn"><div class="bm_h cl"><h1 class="xs2"><a href="forum-{fid}-1.html">{BOARDS[fid]}</a> <span class="xs1 xw0 i">今日: <strong class="xi1">{len(threads)}</strong></span></h1></div></div>
<div id="pgt" class="bm bw0 pgs cl">
<span id="fd_page_top">{nav}</span>
<a href="javascript:;" id="newspecial" onclick="showWindow('newthread', 'forum.php?mod=post&amp;action=newthread&amp;fid={fid}')" title="发新帖"><img src="static/image/common/pn_post.png" alt="发新帖" /></a>
</div>
<div id="threadlist" class="tl bm bmw">
<div class="th"><table cellspacing="0" cellpadding="0"><tr><th colspan="2">全部主题</th><td class="by">作者</td><td class="num">回复/查看</td><td class="by">最后发表</td></tr></table></div>
<div class="bm_c">
<form method="post" autocomplete="off" name="moderate" id="moderate" action="forum.php?mod=topicadmin&amp;action=moderate&amp;fid={fid}&amp;infloat=yes&amp;nopost=yes">
<input type="hidden" name="formhash" value="5f3c1a2b" />
<table summary="forum_{fid}" cellspacing="0" cellpadding="0" id="threadlisttableid">
{rows}</table>
</form>
</div>
</div>
<div class="bm bw0 pgs cl"><span id="fd_page_bottom">{nav}</span></div>
</div>
</div>
</div>
</div>
</body>
</html>
"""
        write(f"forum-{fid}-{page}.html", content)


def index_page():
    links = "".join(f'<tr><td class="fl_g"><dl><dt><a href="forum-{fid}-1.html">{name}</a></dt></dl></td></tr>' for fid, name in BOARDS.items())
    write("forum.html", head(SITE) + f'<body id="nv_forum" class="pg_index"><div id="wp" class="wp"><div class="fl bm"><table class="fl_tb">{links}</table></div></div></body></html>\n')


def write(name, content):
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as handle:
        handle.write(content)


if __name__ == "__main__":
    for old in os.listdir(OUT):
        if old.endswith(".html"):
            os.remove(os.path.join(OUT, old))
    for fid in BOARDS:
        threads = [t for t in THREADS if t["fid"] == fid]
        threads.sort(key=lambda t: when(t["posts"][-1][3]), reverse=True)
        board_pages(fid, threads, STICKY if fid == STICKY["fid"] else None)
        for thread in threads:
            thread_pages(thread)
    thread_pages(STICKY)
    index_page()
    # The markup the demo server fills for posts that arrive while it runs (DemoForum+Live.swift).
    write("post.html.template", post_html({"tid": "@@TID@@"}, 0, ("@@PID@@", "@@AUTHOR@@", "@@UID@@", None, None), 0, template=True))
