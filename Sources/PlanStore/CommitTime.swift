import Foundation
import Git
import PlanModel

extension Timestamp {
    /// When a commit was made, in its author's (or committer's) own time zone:
    /// `2024-10-20T09:00:00+07:00`.
    init(_ signature: Signature) {
        let offset = Int(signature.offsetMinutes) * 60
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: offset) ?? TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: TimeInterval(signature.time)))
        let sign = offset < 0 ? "-" : "+"
        let zone = offset == 0 ? "Z" : String(format: "%@%02d:%02d", sign, abs(offset) / 3600, abs(offset) % 3600 / 60)
        let text = String(format: "%04d-%02d-%02dT%02d:%02d:%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!) + zone
        self = Timestamp(text)!
    }
}
