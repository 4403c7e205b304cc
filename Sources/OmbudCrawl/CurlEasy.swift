import CCurl
import Foundation
import OmbudCore

/// Owns one libcurl easy handle (and the header list it uses) and frees them on deinit.
/// Not thread-safe: used by one thread at a time.
final class CurlEasy {
    let handle: UnsafeMutableRawPointer
    private var headerList: UnsafeMutablePointer<curl_slist>?

    static let globalInit: CURLcode = curl_global_init(Int(CURL_GLOBAL_DEFAULT))

    init() throws {
        guard Self.globalInit == CURLE_OK, let handle = curl_easy_init() else {
            throw OmbudError(code: .fetchCurlInit, message: "libcurl could not be initialised",
                             fix: "check that libcurl4-openssl-dev is installed (make setup)")
        }
        self.handle = handle
    }

    deinit {
        curl_easy_cleanup(handle)
        curl_slist_free_all(headerList)
    }

    func set(_ option: CURLoption, _ value: Int) {
        _ = ombud_curl_setopt_long(handle, option, value)
    }

    /// libcurl copies string options, so the temporary C string may go.
    func set(_ option: CURLoption, _ value: String) {
        _ = value.withCString { ombud_curl_setopt_string(handle, option, $0) }
    }

    func set(_ option: CURLoption, pointer: UnsafeMutableRawPointer?) {
        _ = ombud_curl_setopt_pointer(handle, option, pointer)
    }

    func set(_ option: CURLoption, callback: ombud_curl_write_callback) {
        _ = ombud_curl_setopt_write_callback(handle, option, callback)
    }

    /// Sets the request headers; the list lives as long as the handle.
    func setHeaders(_ headers: [String: String]) {
        curl_slist_free_all(headerList)
        headerList = nil
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) {
            headerList = curl_slist_append(headerList, "\(name): \(value)")
        }
        set(CURLOPT_HTTPHEADER, pointer: headerList.map(UnsafeMutableRawPointer.init))
    }

    func info(long: CURLINFO) -> Int {
        var value = 0
        _ = ombud_curl_getinfo_long(handle, long, &value)
        return value
    }

    func info(string: CURLINFO) -> String? {
        var value: UnsafeMutablePointer<CChar>?
        guard ombud_curl_getinfo_string(handle, string, &value) == CURLE_OK, let value else { return nil }
        return String(cString: value)
    }

    static func describe(_ code: CURLcode) -> String {
        String(cString: curl_easy_strerror(code))
    }
}

/// Owns a libcurl share handle: the cookies of one source, shared by all its transfers.
/// Used only from the client's transfer thread, so it needs no lock callbacks.
final class CurlShare {
    let handle: UnsafeMutableRawPointer

    init?() {
        guard CurlEasy.globalInit == CURLE_OK, let handle = curl_share_init() else { return nil }
        self.handle = handle
        _ = ombud_curl_share_setopt_long(handle, CURLSHOPT_SHARE, Int(CURL_LOCK_DATA_COOKIE.rawValue))
    }

    deinit {
        curl_share_cleanup(handle)
    }
}

/// Owns a libcurl multi handle and frees it on deinit. Used only from the client's transfer thread
/// (``wakeup()`` excepted, which libcurl allows from any thread).
final class CurlMulti: @unchecked Sendable {
    let handle: UnsafeMutableRawPointer

    init() throws {
        guard CurlEasy.globalInit == CURLE_OK, let handle = curl_multi_init() else {
            throw OmbudError(code: .fetchCurlInit, message: "libcurl could not create a multi handle",
                             fix: "check that libcurl4-openssl-dev is installed (make setup)")
        }
        self.handle = handle
    }

    deinit {
        curl_multi_cleanup(handle)
    }

    func wakeup() {
        _ = curl_multi_wakeup(handle)
    }
}
