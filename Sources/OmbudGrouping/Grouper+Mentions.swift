import OmbudCore

extension Grouper {
    /// The places (as first written) and days (`MM-DD`, relative days such as 昨天 read from each
    /// post's time) that `posts` name, found as grouping finds them, each once however it was
    /// spelled (8号楼 and block 8 are one place): what a reply to their thread may repeat. At
    /// most four places and three days, first named first; an opening post is read with its title.
    public func mentions(in posts: [Post]) -> (places: [String], dates: [String]) {
        var places: [String] = [], dates: [String] = []
        var seen = Set<String>()
        for post in posts {
            for specific in analyzer.features(of: post).specifics where seen.insert(specific.key).inserted {
                let finder = analyzer.finders[specific.kind]
                if finder.isPlace, places.count < 4 {
                    places.append(specific.surface)
                } else if finder.kind == "date", dates.count < 3 {
                    dates.append(String(specific.key.dropFirst(finder.kind.count + 1)))
                }
            }
        }
        return (places, dates)
    }
}
