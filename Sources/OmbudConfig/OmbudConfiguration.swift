import Foundation
import OmbudApproval
import OmbudCore
import OmbudDeadlines
import OmbudDrafting
import OmbudTriage

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
    /// Who hears of a case as its deadline nears and passes (default: ``EscalationRules/standard``).
    public var escalation: EscalationRules?
    /// Where escalation notices go (default: the service log only).
    public var notifiers: [NotifierSettings]?
    /// Departments that keep their own hours or have their own people for some categories.
    public var departments: [Department]?
    /// Who may approve which reply (default: ``ApprovalRules/init(spokespersonFlags:supervisorFrom:fourEyesFrom:)``).
    public var approval: ApprovalRules?
    /// The learned triage model and how it combines with the rules (`triage_model:`); absent:
    /// the rules decide alone.
    public var triageModel: ModelSettings?

    enum CodingKeys: String, CodingKey {
        case sources, crawl, storage, calendar, deadlines, drafting, web, escalation, notifiers, departments, approval
        case triageModel = "triage_model"
    }

    /// A department: the categories it handles, and where it differs from the defaults.
    public struct Department: Sendable, Hashable, Codable {
        /// Its name (工程部).
        public var name: String
        /// The category ids whose cases it handles.
        public var categories: [String]
        /// Its working calendar, when it is not `calendar:` (an engineering desk staffed around the clock).
        public var calendar: WorkingCalendar.Settings?
        /// Who its roles are, when not as in `escalation.people`.
        public var people: [String: String]?
    }

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
        /// This source's politeness, where it differs from `crawl:`.
        public var politeness: SourcePoliteness?
        /// When the source is crawled (default: every 15 minutes, up to a minute of jitter).
        public var schedule: CrawlSchedule?
        /// How to log in, for a forum that hides boards from guests.
        public var login: LoginRecipe?
        /// The lexicon in `config/lexicon/` its posts are judged by (default `triage`, the
        /// property-management set; `retail` for a shop's or an e-commerce forum).
        public var lexicon: String?
        /// How approved replies reach this forum (default: posted by hand, ``PosterSettings/Kind/manual``).
        public var poster: PosterSettings?
        /// The channel its complaints come through, for their deadline (default `online`; others
        /// are named under `deadlines.channels`).
        public var channel: String?

        /// The schedule in force.
        public var effectiveSchedule: CrawlSchedule { schedule ?? CrawlSchedule(every: "15m", jitterSeconds: 60) }

        /// Creates a source; what is left out takes its default.
        public init(name: String, site: String, baseURL: String, boards: [Board] = [], timeZone: String, officialAccounts: [String]? = nil,
                    lexicon: String? = nil, channel: String? = nil) {
            self.name = name
            self.site = site
            self.baseURL = baseURL
            self.boards = boards
            self.timeZone = timeZone
            self.officialAccounts = officialAccounts
            self.lexicon = lexicon
            self.channel = channel
        }

        enum CodingKeys: String, CodingKey {
            case name, site, boards, politeness, schedule, login, lexicon, channel, poster
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

        /// A board.
        public init(id: String, name: String, path: String) {
            self.id = id
            self.name = name
            self.path = path
        }
    }

    /// Fetch settings. Every key but `user_agent` may be left out; the defaults are the polite ones.
    public struct Crawl: Sendable, Hashable, Codable {
        /// The User-Agent: names Ombud and a contact URL.
        public var userAgent: String
        /// The least time between two requests to one host, in milliseconds (1000).
        public var delayMilliseconds: Int
        /// The most requests in flight to one host (1).
        public var maxPerHost: Int
        /// The most pages in flight across all hosts (16).
        public var concurrency: Int
        /// The most time one request may take, in seconds (30).
        public var timeoutSeconds: Int
        /// The most time connecting may take, in seconds (10).
        public var connectTimeoutSeconds: Int
        /// A transfer slower than this many bytes a second for `low_speed_seconds` is aborted (100).
        public var lowSpeedBytes: Int
        /// See `low_speed_bytes` (20).
        public var lowSpeedSeconds: Int
        /// The largest page accepted, in bytes (4 MiB); a larger one is dropped with a logged reason.
        public var maxBodyBytes: Int
        /// The most redirects followed (5).
        public var maxRedirects: Int
        /// The most pages one run of one source fetches (500); the rest waits for the next run.
        public var maxPages: Int
        /// A proxy URL; when absent, the `http_proxy`/`https_proxy`/`no_proxy` environment applies.
        public var proxy: String?
        /// Whether robots.txt is obeyed (true).
        public var robots: Bool
        /// How many times a failed request is retried (3).
        public var retries: Int
        /// The first retry's wait in milliseconds (1000); each next one doubles, with jitter.
        public var backoffMilliseconds: Int
        /// After this many failures in a row a host is left alone (8) …
        public var breakerFailures: Int
        /// … for this many seconds (300).
        public var breakerCooldownSeconds: Int
        /// How far back the first crawl of a source reaches, in days of thread activity (7).
        public var firstCrawlDays: Double

        enum CodingKeys: String, CodingKey {
            case concurrency, proxy, robots, retries
            case userAgent = "user_agent"
            case delayMilliseconds = "delay_ms"
            case maxPerHost = "max_per_host"
            case timeoutSeconds = "timeout_seconds"
            case connectTimeoutSeconds = "connect_timeout_seconds"
            case lowSpeedBytes = "low_speed_bytes"
            case lowSpeedSeconds = "low_speed_seconds"
            case maxBodyBytes = "max_body_bytes"
            case maxRedirects = "max_redirects"
            case maxPages = "max_pages"
            case backoffMilliseconds = "backoff_ms"
            case breakerFailures = "breaker_failures"
            case breakerCooldownSeconds = "breaker_cooldown_seconds"
            case firstCrawlDays = "first_crawl_days"
        }

        /// Decodes, filling in the defaults for keys left out.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            userAgent = try c.decode(String.self, forKey: .userAgent)
            delayMilliseconds = try c.decodeIfPresent(Int.self, forKey: .delayMilliseconds) ?? 1000
            maxPerHost = try c.decodeIfPresent(Int.self, forKey: .maxPerHost) ?? 1
            concurrency = try c.decodeIfPresent(Int.self, forKey: .concurrency) ?? 16
            timeoutSeconds = try c.decodeIfPresent(Int.self, forKey: .timeoutSeconds) ?? 30
            connectTimeoutSeconds = try c.decodeIfPresent(Int.self, forKey: .connectTimeoutSeconds) ?? 10
            lowSpeedBytes = try c.decodeIfPresent(Int.self, forKey: .lowSpeedBytes) ?? 100
            lowSpeedSeconds = try c.decodeIfPresent(Int.self, forKey: .lowSpeedSeconds) ?? 20
            maxBodyBytes = try c.decodeIfPresent(Int.self, forKey: .maxBodyBytes) ?? 4 << 20
            maxRedirects = try c.decodeIfPresent(Int.self, forKey: .maxRedirects) ?? 5
            maxPages = try c.decodeIfPresent(Int.self, forKey: .maxPages) ?? 500
            proxy = try c.decodeIfPresent(String.self, forKey: .proxy)
            robots = try c.decodeIfPresent(Bool.self, forKey: .robots) ?? true
            retries = try c.decodeIfPresent(Int.self, forKey: .retries) ?? 3
            backoffMilliseconds = try c.decodeIfPresent(Int.self, forKey: .backoffMilliseconds) ?? 1000
            breakerFailures = try c.decodeIfPresent(Int.self, forKey: .breakerFailures) ?? 8
            breakerCooldownSeconds = try c.decodeIfPresent(Int.self, forKey: .breakerCooldownSeconds) ?? 300
            firstCrawlDays = try c.decodeIfPresent(Double.self, forKey: .firstCrawlDays) ?? 7
        }
    }

    /// How to log in to a forum with a form: where to post, which fields, and how to tell it worked.
    ///
    /// Field values may name environment variables as `${NAME}`: credentials stay out of this file,
    /// the database and the logs.
    public struct LoginRecipe: Sendable, Hashable, Codable {
        /// The login form's action URL, relative to the source's base URL.
        public var url: String
        /// The form fields to post (`username: ${FORUM_USER}`).
        public var fields: [String: String]
        /// Text that the page after a successful login contains.
        public var success: String
        /// Text that marks a page shown to guests instead of the content: seeing it logs in again.
        public var loggedOut: String?

        /// A recipe.
        public init(url: String, fields: [String: String], success: String, loggedOut: String? = nil) {
            self.url = url
            self.fields = fields
            self.success = success
            self.loggedOut = loggedOut
        }

        enum CodingKeys: String, CodingKey {
            case url, fields, success
            case loggedOut = "logged_out"
        }
    }

    /// A source's own politeness, for a forum that allows more (or needs less) than the defaults.
    public struct SourcePoliteness: Sendable, Hashable, Codable {
        /// Overrides `crawl.delay_ms` for this source's host.
        public var delayMilliseconds: Int?
        /// Overrides `crawl.max_per_host` for this source's host.
        public var maxPerHost: Int?

        /// Politeness settings; nil keeps the crawl-wide one.
        public init(delayMilliseconds: Int? = nil, maxPerHost: Int? = nil) {
            self.delayMilliseconds = delayMilliseconds
            self.maxPerHost = maxPerHost
        }

        enum CodingKeys: String, CodingKey {
            case delayMilliseconds = "delay_ms"
            case maxPerHost = "max_per_host"
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
        /// The address people open the dashboard at (`https://ombud.example.com/`), for links in
        /// notices; without it notices carry no link.
        public var publicURL: String?

        enum CodingKeys: String, CodingKey {
            case host, port
            case publicURL = "public_url"
        }
    }
}
