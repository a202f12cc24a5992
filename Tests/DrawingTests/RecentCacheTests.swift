import Testing
@testable import Drawing

@Suite("RecentCache (per-thread text caches)")
struct RecentCacheTests {
    @Test("entries used again survive generations; one-off entries age out; at most twice the limit")
    func keepsWhatIsUsed() {
        var cache = RecentCache<String, Int>(limit: 4)
        cache["label"] = 0
        for i in 1...40 {
            cache["number \(i)"] = i
            #expect(cache["label"] == 0, "a key read in every round stays (round \(i))")
            #expect(cache.count <= 8)
        }
        #expect(cache["number 1"] == nil)
        #expect(cache["number 40"] == 40)
        cache["number 40"] = nil
        #expect(cache["number 40"] == nil)
        var tiny = RecentCache<Int, Int>(limit: 1)
        tiny[1] = 1
        tiny[2] = 2
        #expect(tiny[1] == 1)
        tiny[3] = 3
        tiny[4] = 4
        #expect(tiny[2] == nil)
    }
}
