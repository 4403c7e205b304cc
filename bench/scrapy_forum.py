"""The benchmark's peer: Scrapy crawling the same Discuz! X3 site and extracting the same fields.

Board pages → thread links (a.xst) and the next board page; thread pages → every post's id,
floor, author, author id, time and body text (quotes and edit notices left out), and the next
page — the XPaths of config/sites/discuz-x3.yaml. Run by bench/crawl-bench.sh.
"""
import re

import scrapy


class ForumSpider(scrapy.Spider):
    name = "forum"
    custom_settings = {
        "ROBOTSTXT_OBEY": True,
        "CONCURRENT_REQUESTS": 16,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
        "DOWNLOAD_DELAY": 0,
        "AUTOTHROTTLE_ENABLED": False,
        "COOKIES_ENABLED": False,
        "TELNETCONSOLE_ENABLED": False,
        "LOG_LEVEL": "WARNING",
        "USER_AGENT": "scrapy-bench",
    }

    def __init__(self, start=None, **kwargs):
        super().__init__(**kwargs)
        self.start_urls = [start]

    def parse(self, response):
        for row in response.xpath("//table[@id='threadlisttableid']/tbody[starts-with(@id,'normalthread_')]"):
            href = row.xpath(".//a[contains(concat(' ', normalize-space(@class), ' '), ' xst ')]/@href").get()
            if href:
                yield response.follow(href, callback=self.parse_thread)
        nxt = response.xpath("//div[@id='pgt']//div[@class='pg']/a[@class='nxt']/@href").get()
        if nxt:
            yield response.follow(nxt, callback=self.parse)

    def parse_thread(self, response):
        title = response.xpath("normalize-space(//span[@id='thread_subject'])").get()
        for block in response.xpath("//div[@id='postlist']/div[starts-with(@id,'post_')]"):
            body = block.xpath(".//td[starts-with(@id,'postmessage_')]")
            text = " ".join(t.strip() for t in body.xpath(
                ".//text()[not(ancestor::div[@class='quote']) and not(ancestor::i[@class='pstatus'])]").getall() if t.strip())
            when = block.xpath(".//em[starts-with(@id,'authorposton')]/span/@title").get() or \
                block.xpath("normalize-space(.//em[starts-with(@id,'authorposton')])").get()
            author_href = block.xpath(".//td[@class='pls']//div[@class='authi']/a/@href").get() or ""
            match = re.search(r"uid=(\d+)", author_href)
            yield {
                "id": block.xpath("@id").get()[5:],
                "title": title,
                "floor": block.xpath("normalize-space(.//a[starts-with(@id,'postnum')])").get(),
                "author": block.xpath("normalize-space(.//td[@class='pls']//div[@class='authi']/a)").get(),
                "author_id": match.group(1) if match else None,
                "time": when,
                "text": text,
            }
        nxt = response.xpath("//div[@id='pgt']//div[@class='pg']/a[@class='nxt']/@href").get()
        if nxt:
            yield response.follow(nxt, callback=self.parse_thread)
