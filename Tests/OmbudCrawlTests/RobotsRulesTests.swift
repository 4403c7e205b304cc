import OmbudCrawl
import Testing

@Suite struct RobotsRulesTests {
    let robots = RobotsRules(parsing: """
        # Discuz!-style rules
        User-agent: *
        Disallow: /admin.php
        Disallow: /forum.php?mod=post*
        Disallow: /*?mod=misc*
        Allow: /forum.php?mod=post&action=view
        Crawl-delay: 5

        User-agent: Googlebot
        User-agent: ombud
        Disallow: /private/
        Disallow: /*.php$
        Allow: /forum.php
        Crawl-delay: 2
        """)

    @Test func ourGroupWinsOverTheStar() {
        #expect(robots.crawlDelay(for: "ombud") == 2)
        #expect(!robots.allows("http://x/private/a.html", agent: "ombud"))
        #expect(robots.allows("http://x/admin.html", agent: "ombud"))
        #expect(!robots.allows("http://x/admin.php", agent: "ombud"))         // /*.php$
        #expect(robots.allows("http://x/admin.php?x=1", agent: "ombud"))      // $ anchors the end
        #expect(robots.allows("http://x/forum.php", agent: "ombud"))          // the longer Allow wins
    }

    @Test func otherAgentsGetTheStarGroup() {
        #expect(robots.crawlDelay(for: "somebot") == 5)
        #expect(!robots.allows("http://x/admin.php", agent: "somebot"))
        #expect(!robots.allows("http://x/forum.php?mod=post&fid=2", agent: "somebot"))
        #expect(robots.allows("http://x/forum.php?mod=post&action=view", agent: "somebot"))
        #expect(!robots.allows("http://x/home.php?mod=misc&x", agent: "somebot"))
        #expect(robots.allows("http://x/forum-2-1.html", agent: "somebot"))
    }

    @Test func emptyOrMissingFilesAllowEverything() {
        #expect(RobotsRules.allowAll.allows("http://x/anything", agent: "ombud"))
        #expect(RobotsRules(parsing: "User-agent: *\nDisallow:\n").allows("http://x/a", agent: "ombud"))
        #expect(RobotsRules(parsing: "garbage\n<html>").allows("http://x/a", agent: "ombud"))
    }

    @Test func hostilePatternsStayFast() {
        let nasty = RobotsRules(parsing: "User-agent: *\nDisallow: /" + String(repeating: "*a", count: 200) + "b\n")
        #expect(nasty.allows("http://x/" + String(repeating: "a", count: 2000), agent: "ombud"))
    }
}
