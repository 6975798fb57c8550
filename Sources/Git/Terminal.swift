import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Questions to the person at the terminal (user name, password, key passphrase), asked on
/// `/dev/tty` as git asks them, so that a redirected standard output stays clean.
enum Terminal {
    /// Whether a person can be asked: standard input is a terminal, `/dev/tty` opens, and
    /// `GIT_TERMINAL_PROMPT` is not `0` (git's own switch, which scripts and tests set).
    static func canPrompt(environment: [String: String]) -> Bool {
        if environment["GIT_TERMINAL_PROMPT"] == "0" { return false }
        guard isatty(STDIN_FILENO) == 1 else { return false }
        let fd = open("/dev/tty", O_RDWR | O_NOCTTY)
        guard fd >= 0 else { return false }
        close(fd)
        return true
    }

    /// Writes `prompt` to the terminal and reads one line; without echo when `secret`.
    /// nil when there is no terminal or the person ended the input (Ctrl-D).
    static func ask(_ prompt: String, secret: Bool) -> String? {
        let fd = open("/dev/tty", O_RDWR | O_NOCTTY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var saved = termios()
        let haveTermios = tcgetattr(fd, &saved) == 0
        if secret, haveTermios {
            var silent = saved
            silent.c_lflag &= ~tcflag_t(ECHO)
            silent.c_lflag |= tcflag_t(ECHONL)
            _ = tcsetattr(fd, TCSAFLUSH, &silent)
        }
        defer { if secret, haveTermios { _ = tcsetattr(fd, TCSAFLUSH, &saved) } }
        _ = prompt.withCString { write(fd, $0, strlen($0)) }
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while read(fd, &byte, 1) == 1 {
            if byte == UInt8(ascii: "\n") { return String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: ["\r"]) }
            bytes.append(byte)
        }
        return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
    }
}
