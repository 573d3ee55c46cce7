import Foundation

extension PartialDate {
    /// Today in UTC, for new documents and the expired-consultation warning; never written into
    /// built pages, so output stays deterministic.
    public static func today() -> PartialDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: Date())
        return PartialDate(year: parts.year ?? 2000, month: parts.month, day: parts.day)
            ?? PartialDate(year: 2000, month: 1, day: 1)!
    }
}
