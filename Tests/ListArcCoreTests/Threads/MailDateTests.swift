import Testing
@testable import ListArcCore

@Suite struct MailDateTests {
    @Test(arguments: [
        ("Mon, 25 Jul 2022 22:13:53 +0300", Int64(1_658_776_433)),
        ("Mon, 25 Jul 2022 19:13:53 +0000", Int64(1_658_776_433)),
        ("25 Jul 2022 19:13:53 GMT", Int64(1_658_776_433)),
        ("Mon, 25 Jul 2022 15:13:53 -0400 (EDT)", Int64(1_658_776_433)),
        ("Mon, 25 Jul 22 19:13:53 +0000", Int64(1_658_776_433)),
        ("Mon, 25 Jul 2022 19:13 +0000", Int64(1_658_776_380)),
        ("2022-07-25T19:13:53Z", Int64(1_658_776_433)),
        ("Thu, 1 Jan 1970 00:00:00 +0000", Int64(0)),
        ("Tue, 29 Feb 2000 12:00:00 +0000", Int64(951_825_600)),
    ])
    func parsesRealDateForms(text: String, epoch: Int64) {
        #expect(MailDate.parse(text) == epoch)
    }

    @Test(arguments: ["", "yesterday", "Mon, 25 Jul 2022", "32 Jul 2022 10:00:00 +0000", "25 Jul 2022 25:00:00 +0000",
                      "1 Jan 999999999999 10:00:00 +0000", "1 Jan 4611686018427387904 10:00:00 +0000"])
    func rejectsWhatIsNotADate(text: String) {
        #expect(MailDate.parse(text) == nil)
    }

    @Test func calendarFieldsRoundTrip() {
        for epoch in stride(from: Int64(-86_400 * 400), to: Int64(86_400 * 40_000), by: 86_400 * 37 + 3_541) {
            let f = Civil.fields(epoch)
            #expect(Civil.epoch(year: f.year, month: f.month, day: f.day, hour: f.hour, minute: f.minute) == epoch - (epoch % 60 + 60) % 60)
        }
    }
}

@Suite struct AttributionDateTests {
    // The seed thread: each attribution is the replier's local time of the quoted message.
    @Test(arguments: [
        ("20.07.2022 05:17, Liam Howlett пишет:", "Wed, 20 Jul 2022 02:17:51 +0000"),
        ("* Dmitry Osipenko <digetx@...il.com> [220723 11:01]:", "Sat, 23 Jul 2022 18:01:00 +0300"),
        ("* Liam R. Howlett <Liam.Howlett@...cle.com> [220725 10:00]:", "Mon, 25 Jul 2022 14:00:53 +0000"),
        ("25.07.2022 21:49, Liam Howlett пишет:", "Mon, 25 Jul 2022 18:49:40 +0000"),
        ("On Mon, Jul 25, 2022 at 10:00 AM Liam Howlett <liam@example.org> wrote:", "Mon, 25 Jul 2022 14:00:53 +0000"),
        ("On 7/25/22 2:00 PM, Liam Howlett wrote:", "Mon, 25 Jul 2022 14:00:53 +0000"),
        ("On 2022-07-25 16:00, Liam Howlett wrote:", "Mon, 25 Jul 2022 14:00:53 +0000"),
        ("Am 25.07.2022 um 16:00 schrieb Liam Howlett:", "Mon, 25 Jul 2022 14:00:53 +0000"),
        ("On Mon, 25 Jul 2022 14:00:53 +0000 Liam Howlett wrote:", "Mon, 25 Jul 2022 14:00:53 +0000"),
    ])
    func matchesTheQuotedMessageInSomeZone(line: String, date: String) throws {
        let a = try #require(AttributionDate(line))
        let epoch = try #require(MailDate.parse(date))
        #expect(a.matches(epoch) == .dateAndTime)
    }

    @Test func otherTimesAndDaysDoNotMatch() throws {
        let a = try #require(AttributionDate("25.07.2022 21:49, Liam Howlett пишет:"))
        #expect(a.matches(try #require(MailDate.parse("Mon, 25 Jul 2022 18:48:40 +0000"))) == .none)
        #expect(a.matches(try #require(MailDate.parse("Tue, 26 Jul 2022 18:49:40 +0000"))) != .dateAndTime)
        #expect(a.matches(try #require(MailDate.parse("Fri, 22 Jul 2022 18:49:40 +0000"))) == .none)
    }

    @Test func namesAreNotMonths() throws {
        let a = try #require(AttributionDate("On 25.07.2022 21:49, Mark Junio wrote:"))
        #expect(a.localEpoch == Civil.epoch(year: 2022, month: 7, day: 25, hour: 21, minute: 49))
        #expect(AttributionDate("Junio C Hamano wrote:") == nil)
    }
}

@Suite struct HostileDateTests {
    @Test func hugeNumbersInAttributionsDoNotOverflow() {
        #expect(AttributionDate("On 31.12.99999999999 23:59, X wrote:")?.localEpoch == nil)
        #expect(AttributionDate("* X <x@y> [999999 10:00]:")?.localEpoch == nil)
    }
}
