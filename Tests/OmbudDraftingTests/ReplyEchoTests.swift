import OmbudDrafting
import Testing

/// Our sent reply recognised when the forum shows it back, however it re-wraps it.
@Suite struct ReplyEchoTests {
    let reply = """
        孙先生您好，非常抱歉7号楼停水给您和家人带来不便。
        我们已安排工程部今日到场排查，恢复供水的时间会在本帖告知。物业服务中心客服热线 400-800-1234（8:30–20:00）。
        """

    @Test func theSameReplyRewrappedWithASignatureMatches() {
        let shown = reply.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "，", with: ", ")
            + "\n阳光花园，我的家"
        #expect(ReplyEcho().matches(reply: reply, post: shown))
    }

    @Test func anotherReplyOrAComplaintQuotingAFewWordsDoesNot() {
        #expect(!ReplyEcho().matches(reply: reply, post: "物业说今日到场排查，到现在也没人来，7号楼还是没水！"))
        #expect(!ReplyEcho().matches(reply: reply, post: "您好，8号楼的公摊费明细会在下周一公示，请留意公告栏。"))
    }

    @Test func aReplyCutShortByTheForumStillMatchesUpToTheThreshold() {
        let half = String(reply.prefix(reply.count / 2))
        #expect(!ReplyEcho().matches(reply: reply, post: half))
        #expect(ReplyEcho(threshold: 0.4).matches(reply: reply, post: half))
    }

    @Test func tooShortToTellMatchesNothing() {
        #expect(!ReplyEcho().matches(reply: "好", post: "好"))
        #expect(!ReplyEcho().matches(reply: "!!", post: "!!"))
        #expect(ReplyEcho().matches(reply: "OK, thanks", post: "ok thanks"))
    }
}
