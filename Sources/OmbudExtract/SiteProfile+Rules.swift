import OmbudCore

extension SiteProfile {
    /// Every field rule with its key path in the YAML file, for validation messages.
    var fieldRules: [(String, FieldRule)] {
        var rules: [(String, FieldRule)] = [("board.thread_id", board.threadID), ("thread.title", thread.title),
                                            ("thread.post_id", thread.postID), ("thread.author", thread.author),
                                            ("thread.time", thread.time)]
        let optional: [(String, FieldRule?)] = [("board.replies", board.replies), ("board.views", board.views),
                                                ("board.last_post", board.lastPost),
                                                ("thread.thread_id", thread.threadID), ("thread.floor", thread.floor),
                                                ("thread.author_id", thread.authorID)]
        rules += optional.compactMap { key, rule in rule.map { (key, $0) } }
        return rules
    }

    /// Every plain XPath with its key path in the YAML file.
    var pathRules: [(String, String)] {
        var paths: [(String, String)] = [("board.threads", board.threads), ("board.link", board.link),
                                         ("thread.posts", thread.posts), ("thread.body", thread.body)]
        if let next = board.nextPage { paths.append(("board.next_page", next)) }
        if let next = thread.nextPage { paths.append(("thread.next_page", next)) }
        paths += (thread.drop ?? []).enumerated().map { ("thread.drop[\($0.offset)]", $0.element) }
        return paths
    }
}
