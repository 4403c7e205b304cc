import CCurl
import Foundation
import OmbudCore

/// Owns one libcurl easy handle and frees it on deinit. Not thread-safe: one transfer at a time.
final class CurlEasy {
    let handle: UnsafeMutableRawPointer

    private static let globalInit: CURLcode = curl_global_init(Int(CURL_GLOBAL_DEFAULT))

    init() throws {
        guard Self.globalInit == CURLE_OK, let handle = curl_easy_init() else {
            throw OmbudError(code: "fetch.curl_init", message: "libcurl could not be initialised",
                             fix: "check that libcurl4-openssl-dev is installed (make setup)")
        }
        self.handle = handle
    }

    deinit {
        curl_easy_cleanup(handle)
    }

    func set(_ option: CURLoption, _ value: Int) {
        _ = ombud_curl_setopt_long(handle, option, value)
    }

    func set(_ option: CURLoption, _ value: String) {
        // libcurl copies string options (since 7.17), so the temporary C string may go.
        _ = value.withCString { ombud_curl_setopt_string(handle, option, $0) }
    }

    func set(_ option: CURLoption, pointer: UnsafeMutableRawPointer?) {
        _ = ombud_curl_setopt_pointer(handle, option, pointer)
    }

    func setWriteCallback(_ callback: ombud_curl_write_callback) {
        _ = ombud_curl_setopt_write_callback(handle, CURLOPT_WRITEFUNCTION, callback)
    }

    func perform() -> CURLcode {
        curl_easy_perform(handle)
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
