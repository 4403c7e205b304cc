import OmbudCore

extension SiteProfile.BoardRules {
    /// Every field rule with its key path in the YAML file, for validation messages.
    var fieldRules: [(String, FieldRule)] {
        let optional: [(String, FieldRule?)] = [("board.replies", replies), ("board.views", views), ("board.last_post", lastPost)]
        return [("board.thread_id", threadID)] + optional.compactMap { key, rule in rule.map { (key, $0) } }
    }

    /// Every plain XPath with its key path in the YAML file.
    var pathRules: [(String, String)] {
        [("board.threads", threads), ("board.link", link)] + (nextPage.map { [("board.next_page", $0)] } ?? [])
    }
}

extension SiteProfile.ThreadRules {
    /// Every field rule with its key path in the YAML file, for validation messages.
    var fieldRules: [(String, FieldRule)] {
        let optional: [(String, FieldRule?)] = [("thread.thread_id", threadID), ("thread.floor", floor), ("thread.author_id", authorID),
                                                ("thread.author_posts", authorPosts)]
        return [("thread.title", title), ("thread.post_id", postID), ("thread.author", author), ("thread.time", time)]
            + optional.compactMap { key, rule in rule.map { (key, $0) } }
    }

    /// Every plain XPath with its key path in the YAML file.
    var pathRules: [(String, String)] {
        var paths: [(String, String)] = [("thread.posts", posts), ("thread.body", body)]
        if let next = nextPage { paths.append(("thread.next_page", next)) }
        paths += (drop ?? []).enumerated().map { ("thread.drop[\($0.offset)]", $0.element) }
        return paths
    }
}
