import Foundation
import OmbudDeadlines
import OmbudDrafting

/// `config/ombud.yaml`: sources, crawling, storage, calendar, deadlines, drafting and the web UI.
public struct OmbudConfiguration: Sendable, Hashable, Codable {
    /// The forums watched.
    public var sources: [Source]
    /// How pages are fetched.
    public var crawl: Crawl
    /// Where data is kept.
    public var storage: Storage
    /// The working calendar.
    public var calendar: WorkingCalendar.Settings
    /// The reply time limits.
    public var deadlines: DeadlinePolicy
    /// How replies are drafted.
    public var drafting: DraftingRules
    /// The dashboard.
    public var web: Web

    /// One forum.
    public struct Source: Sendable, Hashable, Codable {
        /// A short unique name (`demo`, `xq-bbs`); part of every post key.
        public var name: String
        /// The site profile in `config/sites/` (`discuz-x3`).
        public var site: String
        /// The forum's base URL; board paths resolve against it.
        public var baseURL: String
        /// The boards crawled.
        public var boards: [Board]
        /// The forum's time zone, for the times it prints.
        public var timeZone: String
        /// Author names of our own official accounts: their posts are replies, not complaints.
        public var officialAccounts: [String]?

        enum CodingKeys: String, CodingKey {
            case name, site, boards
            case baseURL = "base_url"
            case timeZone = "time_zone"
            case officialAccounts = "official_accounts"
        }
    }

    /// One board of a forum.
    public struct Board: Sendable, Hashable, Codable {
        /// The forum's board id (Discuz! `fid`).
        public var id: String
        /// The board's name, for people.
        public var name: String
        /// The board's first list page, relative to the source's base URL.
        public var path: String
    }

    /// Fetch settings.
    public struct Crawl: Sendable, Hashable, Codable {
        /// The User-Agent: names Ombud and a contact URL.
        public var userAgent: String
        /// The least time between two requests to one host, in milliseconds.
        public var delayMilliseconds: Int
        /// The most time one request may take, in seconds.
        public var timeoutSeconds: Int
        /// The largest page accepted, in bytes.
        public var maxBodyBytes: Int
        /// The most pages one run of one source fetches.
        public var maxPages: Int

        enum CodingKeys: String, CodingKey {
            case userAgent = "user_agent"
            case delayMilliseconds = "delay_ms"
            case timeoutSeconds = "timeout_seconds"
            case maxBodyBytes = "max_body_bytes"
            case maxPages = "max_pages"
        }
    }

    /// Storage settings.
    public struct Storage: Sendable, Hashable, Codable {
        /// The SQLite file, relative to the project root.
        public var sqlite: String
    }

    /// Dashboard settings.
    public struct Web: Sendable, Hashable, Codable {
        /// The address to listen on; keep 127.0.0.1 unless behind a proxy.
        public var host: String
        /// The port.
        public var port: Int
    }
}
