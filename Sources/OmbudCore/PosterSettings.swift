/// How approved replies reach one source's forum, from a source's `poster:` in `config/ombud.yaml`.
///
/// `manual` (the default): the dashboard shows the text and the thread's link, a person posts it
/// and marks it posted with the reply's URL. `discourse`: the Discourse API with an API key and the
/// account to post as. `form`: a form post with the source's login session, for forums with a
/// login recipe. Values may read `${NAME}` from the environment.
public struct PosterSettings: Sendable, Hashable, Codable {
    /// The way replies are posted.
    public var kind: Kind
    /// Discourse: the API key (`${DISCOURSE_API_KEY}`).
    public var apiKey: String?
    /// Discourse: the account replies are posted as.
    public var username: String?
    /// Form: the form's action, relative to the source's base URL; `{thread}` is the thread id.
    public var url: String?
    /// Form: the fields to post; `{text}` is the reply, `{thread}` the thread id.
    public var fields: [String: String]?
    /// Form: text the page after a successful post contains.
    public var success: String?
    /// Form: a regular expression whose first group is the reply's address in that page (relative
    /// addresses are resolved against it); without it, the address the post ended at is kept.
    public var link: String?

    /// The ways replies are posted.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// A person posts it and marks it posted.
        case manual
        /// The Discourse API.
        case discourse
        /// A form post with the source's login session.
        case form
    }

    enum CodingKeys: String, CodingKey {
        case kind, username, url, fields, success, link
        case apiKey = "api_key"
    }

    /// Creates settings.
    public init(kind: Kind, apiKey: String? = nil, username: String? = nil, url: String? = nil, fields: [String: String]? = nil,
                success: String? = nil, link: String? = nil) {
        self.kind = kind
        self.apiKey = apiKey
        self.username = username
        self.url = url
        self.fields = fields
        self.success = success
        self.link = link
    }
}
