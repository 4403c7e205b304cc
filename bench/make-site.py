#!/usr/bin/env python3
"""Writes a large Discuz! X3 forum for the crawl benchmark: board list pages and thread pages.

Usage: make-site.py OUT_DIR [THREADS]   (default 5000 threads, 50 per board page, 7 posts per
thread page, about 18 KB a page). Uses the page templates of demo/make-forum.py, so the markup
is the same Discuz! X3 markup the demo and the site profile use.
"""
import importlib.util
import os
import random
import sys
from datetime import timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("forum", os.path.join(HERE, "..", "demo", "make-forum.py"))
forum = importlib.util.module_from_spec(spec)
spec.loader.exec_module(forum)

PLACES = ["{}号楼".format(n) for n in range(1, 31)] + ["地下车库", "南门", "中心花园", "会所"]
PROBLEMS = ["电梯又坏了，困了人", "楼道漏水一周了没人修", "停水两天了，一句解释都没有", "物业费无故上涨", "路灯不亮一个月了",
            "垃圾堆在楼下臭气熏天", "门禁坏了外人随便进", "保安态度恶劣", "地库积水车都泡了", "热水器安装收费不合理"]
CHAT = ["周末一起打羽毛球吗", "谁家有多余的纸箱", "表扬一下保洁阿姨", "请问快递柜在哪里", "出售九成新婴儿车"]
FILLER = ("这个问题已经反映过好几次了，每次都说马上处理，结果一直拖着。家里有老人和小孩，真的很不方便，希望物业能给个明确的时间。"
          "我们也理解物业的难处，但是基本的服务总要做到位吧。大家有同样情况的可以在下面跟帖，我们一起反映。")


def main():
    out = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
    os.makedirs(out, exist_ok=True)
    forum.OUT = out
    forum.PER_PAGE = 7
    forum.BOARDS = {"2": "业主投诉"}
    rng = random.Random(20261118)
    threads = []
    pid = 100000
    for tid in range(1, count + 1):
        place = rng.choice(PLACES)
        title = place + (rng.choice(PROBLEMS) if rng.random() < 0.7 else rng.choice(CHAT))
        posts = []
        start = forum.REFERENCE - timedelta(minutes=rng.randint(30, 60 * 24 * 5))
        for floor in range(7):
            pid += 1
            uid = rng.randint(1000, 9000)
            moment = start + timedelta(minutes=7 * floor)
            text = (title + "。" if floor == 0 else rng.choice(["+1", "同样", "顶", ""]) + place) + FILLER
            posts.append((pid, "业主{}".format(uid), uid, moment.strftime("%m-%d %H:%M"), text))
        threads.append(dict(tid=tid, fid="2", type="投诉", views=rng.randint(10, 900), title=title, posts=posts))
    for thread in threads:
        forum.thread_pages(thread)
    threads.sort(key=lambda t: forum.when(t["posts"][-1][3]), reverse=True)
    per_board_page = 50
    pages = (len(threads) + per_board_page - 1) // per_board_page
    # The demo's board_pages() lists 6 a page; write 50 a page here with the same row markup.
    for page in range(1, pages + 1):
        rows = "".join(forum.thread_row(t) for t in threads[(page - 1) * per_board_page: page * per_board_page])
        nav = forum.page_links(lambda n: "forum-2-{}.html".format(n), page, pages)
        html = forum.head("业主投诉") + (
            '<body id="nv_forum" class="pg_forumdisplay"><div id="wp" class="wp"><div id="ct" class="wp cl"><div class="mn">'
            '<div id="pgt" class="bm bw0 pgs cl"><span id="fd_page_top">{nav}</span></div>'
            '<div id="threadlist" class="tl bm bmw"><div class="bm_c"><form method="post" name="moderate" id="moderate">'
            '<table summary="forum_2" cellspacing="0" cellpadding="0" id="threadlisttableid">{rows}</table></form></div></div>'
            '</div></div></div></body></html>\n').format(nav=nav, rows=rows)
        forum.write("forum-2-{}.html".format(page), html)
    with open(os.path.join(out, "robots.txt"), "w") as handle:
        handle.write("User-agent: *\nDisallow: /admin.php\nDisallow: /forum.php?mod=post*\n")


if __name__ == "__main__":
    main()
