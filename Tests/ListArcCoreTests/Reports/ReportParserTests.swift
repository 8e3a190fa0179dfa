import Testing
import Foundation
import TestSupport
@testable import ListArcCore

@Suite struct ReportParserTests {
    /// Body of a seed mail: everything after the header block.
    static func seedBody(_ name: String) throws -> String {
        let text = try Paths.text(Paths.sample("seed-thread/\(name)"))
        guard let r = text.range(of: "\n\n") else { return text }
        return String(text[r.upperBound...])
    }

    static let seedFrames: [(String, Int?, Int?)] = [
        ("mas_update_gap", 0xac, 0x1a8), ("mas_wr_modify", 0x1b4, 0x1898), ("mas_wr_store_entry", 0x138, 0x4d8),
        ("mas_store_gfp", 0x64, 0x154), ("do_brk_flags", 0x21c, 0x318), ("sys_brk", 0x27c, 0x3c8), ("ret_fast_syscall", 0, 0x1c),
    ]

    @Test(arguments: [("M2.eml", 0), ("M5.eml", 3)])
    func seedOops(mail: String, depth: Int) throws {
        let reports = SampleOopses.reports(try Self.seedBody(mail))
        #expect(reports.count == 1)
        let r = try #require(reports.first)
        #expect(r.depth == depth)
        #expect(r.kind == .bug)
        #expect(r.title == "kernel BUG at lib/maple_tree.c:911!")
        #expect(r.file == "lib/maple_tree.c")
        #expect(r.line == 911)
        #expect(r.kernelVersion == "5.19.0-rc7-next-20220722-00130-g1583ab12487b")
        #expect(r.nextTag == "next-20220722")
        #expect(r.frames.map(\.function) == Self.seedFrames.map(\.0))
        #expect(r.frames.map(\.offset) == Self.seedFrames.map(\.1))
        #expect(r.frames.map(\.size) == Self.seedFrames.map(\.2))
        #expect(r.frames.allSatisfy { $0.reliable && !$0.inlined && $0.module == nil })
        // The whole sentence, though the mail wraps it over two lines.
        #expect(r.causeClaim == "I cannot complete booting into graphics environment on ARM32 because do_brk_flags() now crashes with a BUG_ON() on a recent linux-next and this patch should be the cause.")
    }

    @Test(arguments: [0, 1, 2])
    func kasanX86(depth: Int) throws {
        let reports = SampleOopses.reports(SampleOopses.quoted(SampleOopses.kasanX86, depth: depth))
        #expect(reports.count == 1)
        let r = try #require(reports.first)
        #expect(r.depth == depth)
        #expect(r.kind == .kasan)
        #expect(r.function == "nft_set_elem_destroy")
        #expect(r.kernelVersion == "6.1.0-rc1-next-20221020-00042-gdeadbeef1234")
        #expect(r.nextTag == "next-20221020")
        let names = r.frames.map(\.function)
        // The allocation/free stacks are not the crash's trace.
        #expect(!names.contains("kasan_save_stack") && !names.contains("nft_pipapo_remove"))
        #expect(names.first == "dump_stack_lvl")
        #expect(names.last == "ret_from_fork")
        #expect(names.count == 15)
        let unreliable = r.frames.filter { !$0.reliable }.map(\.function)
        #expect(unreliable == ["kasan_complete_mode_report_info", "nft_set_elem_destroy", "__pfx_nf_tables_trans_destroy_work", "__pfx_worker_thread"])
        let destroy = try #require(r.frames.first { $0.function == "nft_pipapo_destroy" })
        #expect(destroy.offset == 0x11e && destroy.size == 0x1d0 && destroy.module == "nf_tables")
    }

    @Test(arguments: [0, 1, 2])
    func warningArm64(depth: Int) throws {
        let reports = SampleOopses.reports(SampleOopses.quoted(SampleOopses.warningArm64, depth: depth, style: depth == 2 ? ">" : "> "))
        let r = try #require(reports.first)
        #expect(reports.count == 1)
        #expect(r.kind == .warning)
        #expect(r.file == "drivers/gpu/drm/drm_atomic_helper.c" && r.line == 1679)
        #expect(r.function == "drm_atomic_helper_wait_for_vblanks")
        #expect(r.kernelVersion == "6.2.0-rc3-next-20230113")
        // pc and the trace's first line are the same frame: listed once.
        #expect(r.frames.map(\.function) == ["drm_atomic_helper_wait_for_vblanks", "rockchip_atomic_helper_commit_tail_rpm", "commit_tail",
                                             "drm_atomic_helper_commit", "drm_atomic_commit", "drm_framebuffer_remove", "drm_mode_rmfb_work_fn",
                                             "process_one_work", "worker_thread", "kthread", "ret_from_fork"])
        #expect(r.frames[1].module == "rockchipdrm")
        #expect(r.frames[0].offset == 0x2b4 && r.frames[0].size == 0x2d0)
    }

    @Test(arguments: [0, 1, 2])
    func decodedTrace(depth: Int) throws {
        let r = try #require(SampleOopses.reports(SampleOopses.quoted(SampleOopses.decodedX86, depth: depth)).first)
        #expect(r.kind == .pagingFault)
        #expect(r.title == "BUG: kernel NULL pointer dereference, address: 0000000000000010")
        #expect(r.kernelVersion == "6.4.0-rc2+")
        let first = try #require(r.frames.first)
        #expect(first.function == "ath11k_pci_probe" && first.file == "drivers/net/wireless/ath/ath11k/pci.c" && first.line == 912)
        #expect(first.module == "ath11k_pci" && first.offset == nil)
        let probe = try #require(r.frames.first { $0.function == "pci_device_probe" })
        // addr2line -i lists inline sites innermost first; the named function's own line is last.
        #expect(probe.file == "drivers/pci/pci-driver.c" && probe.line == 460)
        #expect(r.frames.filter { !$0.reliable }.count == 5)
        #expect(r.frames.last?.function == "driver_probe_device")
    }

    @Test(arguments: [0, 2])
    func syzbotInlineFrames(depth: Int) throws {
        let r = try #require(SampleOopses.reports(SampleOopses.quoted(SampleOopses.syzbotInline, depth: depth)).first)
        #expect(r.kind == .kasan)
        #expect(r.function == "ext4_xattr_set_entry")
        #expect(r.kernelVersion == "6.3.0-syzkaller-12049-g58390c8ce1bd")
        let inlined = r.frames.filter(\.inlined).map(\.function)
        #expect(inlined == ["__dump_stack", "print_address_description", "ext4_xattr_block_set", "do_syscall_x64"])
        let block = try #require(r.frames.first { $0.function == "ext4_xattr_block_set" })
        #expect(block.file == "fs/ext4/xattr.c" && block.line == 1944 && block.offset == nil)
        let entry = try #require(r.frames.first { $0.function == "ext4_xattr_set_entry" })
        #expect(entry.offset == 0x2d8c && entry.line == 1607)
        #expect(r.frames.last?.function == "entry_SYSCALL_64_after_hwframe")
    }

    @Test(arguments: [0, 1, 2])
    func armBacktrace(depth: Int) throws {
        let r = try #require(SampleOopses.reports(SampleOopses.quoted(SampleOopses.armBacktrace, depth: depth)).first)
        #expect(r.kind == .pagingFault)
        #expect(r.kernelVersion == "6.0.0-rc5-00012-g0123456789ab")
        #expect(r.nextTag == nil)
        #expect(r.frames.map(\.function) == ["sunxi_mmc_request", "mmc_start_request", "mmc_wait_for_req", "mmc_wait_for_cmd",
                                             "mmc_send_if_cond", "mmc_rescan", "process_one_work", "worker_thread", "kthread", "ret_from_fork"])
        #expect(r.frames[0].offset == 0x2c && r.frames[1].offset == 0xa0 && r.frames[4].size == 0xd8)
    }

    @Test func ubsanWithKernLogPrefix() throws {
        let r = try #require(SampleOopses.reports(SampleOopses.ubsanKernLog).first)
        #expect(r.kind == .ubsan)
        #expect(r.file == "drivers/net/wireless/intel/iwlwifi/mvm/rs.c" && r.line == 1487)
        #expect(r.kernelVersion == "6.3.0-1-amd64")
        #expect(r.frames.map(\.function) == ["dump_stack_lvl", "__ubsan_handle_out_of_bounds", "rs_fill_lq_cmd", "iwl_mvm_rs_rate_init"])
        #expect(r.frames[2].module == "iwlmvm")
    }

    @Test func kfenceStackWithoutHeader() throws {
        let r = try #require(SampleOopses.reports(SampleOopses.quoted(SampleOopses.kfence, depth: 1)).first)
        #expect(r.kind == .kfence)
        #expect(r.function == "test_use_after_free_read")
        #expect(r.frames.map(\.function) == ["test_use_after_free_read", "kunit_try_run_case", "kunit_generic_run_threadfn_adapter", "kthread", "ret_from_fork"])
        #expect(r.kernelVersion == "5.13.0-rc3+")
    }

    @Test func bugWithRipAndIrq() throws {
        let r = try #require(SampleOopses.reports(SampleOopses.bugX86).first)
        #expect(r.kind == .bug && r.file == "mm/slub.c" && r.line == 435)
        #expect(r.frames.map(\.function) == ["__slab_free", "rcu_do_batch", "kmem_cache_free", "rcu_do_batch", "rcu_core", "__do_softirq", "default_idle", "do_idle"])
        #expect(r.frames[1].reliable == false)
        #expect(r.kernelVersion == "6.1.0-rc1")
    }

    @Test func twoReportsAtDifferentDepthsAndProseBetween() throws {
        let text = "Hi,\n\nI see this on boot:\n\n" + SampleOopses.bugX86 + "\n\nand earlier you wrote:\n\n"
            + SampleOopses.quoted(SampleOopses.warningArm64, depth: 1) + "\n\nThanks,\nA. Tester\n"
        let reports = SampleOopses.reports(text)
        #expect(reports.map(\.kind) == [.bug, .warning])
        #expect(reports.map(\.depth) == [0, 1])
        // The report's lines end where the reporter's prose starts.
        let analysis = QuoteAnalyzer.analyse(text)
        let last = try #require(reports.first?.lineRange.upperBound)
        #expect(analysis.lines[last - 1].raw.contains("</TASK>"))
    }

    @Test func replyCommentInsideQuotedOopsDoesNotCutIt() throws {
        var lines = SampleOopses.quoted(SampleOopses.armBacktrace, depth: 1).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let at = try #require(lines.firstIndex { $0.contains("mmc_wait_for_req from") })
        lines.insert(contentsOf: ["", "This is where it goes wrong, I think the request is freed twice.", ""], at: at)
        let r = try #require(SampleOopses.reports(lines.joined(separator: "\n")).first)
        #expect(r.frames.count == 10)
    }

    @Test func powerpcAndRiscv() throws {
        let ppc = """
        BUG: Kernel NULL pointer dereference on read at 0x00000010
        Faulting instruction address: 0xc0000000008a1234
        Oops: Kernel access of bad area, sig: 11 [#1]
        LE PAGE_SIZE=64K MMU=Radix SMP NR_CPUS=2048 NUMA pSeries
        CPU: 3 PID: 1 Comm: swapper/0 Not tainted 6.5.0-rc1-next-20230712 #1
        NIP:  c0000000008a1234 LR: c0000000008a1200 CTR: 0000000000000000
        NIP [c0000000008a1234] of_find_property+0x44/0x120
        LR [c0000000008a1200] of_get_property+0x30/0x50
        Call Trace:
        [c000000003a3b9f0] [c0000000008a11f0] of_get_property+0x20/0x50 (unreliable)
        [c000000003a3ba30] [c000000000c12345] papr_init+0x64/0x1a0
        [c000000003a3baa0] [c000000000012a3c] do_one_initcall+0x6c/0x2e0
        """
        let p = try #require(SampleOopses.reports(SampleOopses.quoted(ppc, depth: 1)).first)
        #expect(p.kind == .pagingFault && p.nextTag == "next-20230712")
        #expect(p.frames.map(\.function) == ["of_find_property", "of_get_property", "papr_init", "do_one_initcall"])
        #expect(p.frames.map(\.reliable) == [true, false, true, true])
        let riscv = """
        Unable to handle kernel NULL pointer dereference at virtual address 0000000000000008
        Oops [#1]
        CPU: 0 PID: 1 Comm: swapper/0 Not tainted 6.6.0-rc4 #1
        epc : virtio_dev_probe+0x1a2/0x3c0
         ra : virtio_dev_probe+0x186/0x3c0
        epc : ffffffff8062b5a6 ra : ffffffff8062b58a sp : ff2000000000bc40
        Call Trace:
        [<ffffffff8062b5a6>] virtio_dev_probe+0x1a2/0x3c0
        [<ffffffff806a1b2c>] really_probe+0x9c/0x35e
        [<ffffffff806a1e64>] __driver_probe_device+0x7a/0x138
        """
        let r = try #require(SampleOopses.reports(riscv).first)
        #expect(r.frames.map(\.function) == ["virtio_dev_probe", "really_probe", "__driver_probe_device"])
        #expect(r.frames.first?.offset == 0x1a2)
    }

    @Test func arm64InfoSuffixes() throws {
        let text = SampleOopses.warningArm64
            .replacingOccurrences(of: " commit_tail+0xa8/0x1a0", with: " commit_tail+0xa8/0x1a0 (L)")
            .replacingOccurrences(of: " drm_atomic_commit+0xa4/0xe0", with: " drm_atomic_commit+0xa4/0xe0 (P)")
        let r = try #require(SampleOopses.reports(text).first)
        #expect(r.frames.count == 11)
        #expect(r.frames.contains { $0.function == "commit_tail" && $0.offset == 0xa8 })
    }

    @Test func wrappedVersionAfterNotTainted() throws {
        let text = "kernel BUG at fs/inode.c:611!\nCPU: 1 PID: 1 Comm: init Not tainted\n6.0.0-next-20221011 #4\nPC is at evict+0x1c/0x1e0\n"
        let r = try #require(SampleOopses.reports(text).first)
        #expect(r.kernelVersion == "6.0.0-next-20221011")
        #expect(r.frames.map(\.function) == ["evict"])
    }

    @Test func proseAboutOopsesIsNotAReport() {
        let text = """
        Oops, I forgot to attach the config. The warning was in the kernel log but
        WARNING: this is a message from the list admin, not a kernel warning.
        BUG: none that I know of.
        Call me maybe.
        """
        for r in SampleOopses.reports(text) { #expect(r.frames.isEmpty) }
        #expect(SampleOopses.reports("Oops, I forgot the attachment.\nCheers\n").isEmpty)
    }

    @Test func junkDoesNotCrash() {
        var rng = SystemRandomNumberGenerator()
        let pieces = ["Call Trace:", " ? ", "+0x", "/0x", "[<", ">]", "RIP: 0010:", "PC is at ", " from ", "(", ")", "[", "]", "kernel BUG at ",
                      ":", "!", "Not tainted", "\n", "> ", "\u{0}", "é", "ffffffffffffffffffffffff", "0x", "next-", "WARNING: CPU: 0 PID: 1 at ",
                      "Backtrace:", "<TASK>", "a.c:1", "foo", "---[ end trace", "UBSAN: x in ", "BUG: KASAN: x in ", " [mod]", "\r"]
        for _ in 0..<300 {
            var s = ""
            for _ in 0..<Int.random(in: 1...80, using: &rng) { s += pieces.randomElement(using: &rng)! }
            _ = SampleOopses.reports(s)
        }
        _ = SampleOopses.reports("")
        _ = SampleOopses.reports(String(repeating: "Call Trace:\n ? foo+0x1/0x2 [m]\n", count: 2000))
        _ = SampleOopses.reports("RIP: 0010:" + String(repeating: "a", count: 100_000) + "+0xffffffffffffffffffff/0x1")
    }
}
