import Foundation
@testable import ListArcCore

/// Reports written for these tests in the shapes the kernel prints them, and ways
/// to quote them the way mail clients do.
enum SampleOopses {
    /// x86-64 KASAN use-after-free, dmesg timestamps, `<TASK>`, `? ` frames, modules.
    static let kasanX86 = """
    [  231.442917] ==================================================================
    [  231.442925] BUG: KASAN: slab-use-after-free in nft_set_elem_destroy+0x3b/0x1c0 [nf_tables]
    [  231.442941] Read of size 8 at addr ffff88810a4c3e18 by task kworker/3:2/1187
    [  231.442948]
    [  231.442953] CPU: 3 PID: 1187 Comm: kworker/3:2 Tainted: G        W          6.1.0-rc1-next-20221020-00042-gdeadbeef1234 #7
    [  231.442962] Hardware name: QEMU Standard PC (Q35 + ICH9, 2009), BIOS 1.16.0-debian-1.16.0-5 04/01/2014
    [  231.442967] Workqueue: events nf_tables_trans_destroy_work [nf_tables]
    [  231.442975] Call Trace:
    [  231.442979]  <TASK>
    [  231.442983]  dump_stack_lvl+0x5b/0x77
    [  231.442992]  print_report+0x18e/0x47b
    [  231.443001]  ? kasan_complete_mode_report_info+0x7c/0x210
    [  231.443010]  kasan_report+0xbb/0xf0
    [  231.443018]  ? nft_set_elem_destroy+0x3b/0x1c0 [nf_tables]
    [  231.443026]  nft_set_elem_destroy+0x3b/0x1c0 [nf_tables]
    [  231.443034]  nft_pipapo_destroy+0x11e/0x1d0 [nf_tables]
    [  231.443042]  nft_set_destroy+0x8c/0x1f0 [nf_tables]
    [  231.443050]  nf_tables_trans_destroy_work+0x40a/0x6e0 [nf_tables]
    [  231.443058]  ? __pfx_nf_tables_trans_destroy_work+0x10/0x10 [nf_tables]
    [  231.443066]  process_one_work+0x4d3/0x8a0
    [  231.443073]  worker_thread+0x8d/0x6d0
    [  231.443080]  ? __pfx_worker_thread+0x10/0x10
    [  231.443087]  kthread+0x16b/0x1a0
    [  231.443095]  ret_from_fork+0x2c/0x50
    [  231.443098]  </TASK>
    [  231.443101]
    [  231.443104] Allocated by task 912:
    [  231.443106]  kasan_save_stack+0x22/0x50
    [  231.443113]  kasan_set_track+0x25/0x30
    [  231.443118]  __kasan_kmalloc+0x7f/0x90
    [  231.443124]  nft_set_elem_init+0x52/0x2f0 [nf_tables]
    [  231.443131]  nft_add_set_elem+0x8f1/0x1310 [nf_tables]
    [  231.443140]
    [  231.443142] Freed by task 1190:
    [  231.443205]  kasan_save_stack+0x22/0x50
    [  231.443229]  kfree+0x74/0x130
    [  231.443235]  nft_pipapo_remove+0x3c/0x60 [nf_tables]
    [  231.443248] ==================================================================
    """

    /// arm64 WARNING with pc/lr and `Call trace:`.
    static let warningArm64 = """
    ------------[ cut here ]------------
    WARNING: CPU: 2 PID: 341 at drivers/gpu/drm/drm_atomic_helper.c:1679 drm_atomic_helper_wait_for_vblanks+0x2b4/0x2d0
    Modules linked in: rockchipdrm dw_hdmi analogix_dp cec drm_display_helper
    CPU: 2 PID: 341 Comm: kworker/2:3 Not tainted 6.2.0-rc3-next-20230113 #1
    Hardware name: Pine64 RockPro64 v2.1 (DT)
    Workqueue: events drm_mode_rmfb_work_fn
    pstate: 60000005 (nZCv daif -PAN -UAO -TCO -DIT -SSBS BTYPE=--)
    pc : drm_atomic_helper_wait_for_vblanks+0x2b4/0x2d0
    lr : drm_atomic_helper_wait_for_vblanks+0x2b4/0x2d0
    sp : ffff80000b3abb70
    x29: ffff80000b3abb70 x28: 0000000000000000 x27: ffff000003b0c080
    x26: 0000000000000001 x25: ffff000004e48000 x24: 0000000000000038
    Call trace:
     drm_atomic_helper_wait_for_vblanks+0x2b4/0x2d0
     rockchip_atomic_helper_commit_tail_rpm+0x5c/0x9c [rockchipdrm]
     commit_tail+0xa8/0x1a0
     drm_atomic_helper_commit+0x15c/0x180
     drm_atomic_commit+0xa4/0xe0
     drm_framebuffer_remove+0x41c/0x4f0
     drm_mode_rmfb_work_fn+0x50/0x70
     process_one_work+0x1d4/0x4b0
     worker_thread+0x58/0x440
     kthread+0xf4/0x100
     ret_from_fork+0x10/0x20
    ---[ end trace 0000000000000000 ]---
    """

    /// x86-64 NULL dereference run through scripts/decode_stacktrace.sh: `FUNC (FILE:LINE …)`,
    /// unbracketed module names, multi-location inline chains.
    static let decodedX86 = """
    [   15.617463] BUG: kernel NULL pointer dereference, address: 0000000000000010
    [   15.617502] #PF: supervisor read access in kernel mode
    [   15.617512] #PF: error_code(0x0000) - not-present page
    [   15.617520] PGD 0 P4D 0
    [   15.617530] Oops: 0000 [#1] PREEMPT SMP NOPTI
    [   15.617540] CPU: 5 PID: 2271 Comm: systemd-udevd Not tainted 6.4.0-rc2+ #3
    [   15.617549] Hardware name: LENOVO 20XW0055GE/20XW0055GE, BIOS N32ET86W (1.62 ) 12/19/2022
    [   15.617553] RIP: 0010:ath11k_pci_probe (drivers/net/wireless/ath/ath11k/pci.c:912) ath11k_pci
    [   15.617589] Code: 48 8b 43 10 48 85 c0 74 0b 48 8b 40 10 <48> 8b 40 10
    [   15.617600] RSP: 0018:ffffb0e2c1b97a58 EFLAGS: 00010246
    [   15.617610] RAX: 0000000000000000 RBX: ffff9a4c48d1c000 RCX: 0000000000000000
    [   15.617700] Call Trace:
    [   15.617704]  <TASK>
    [   15.617709]  ? __die (arch/x86/kernel/dumpstack.c:421 arch/x86/kernel/dumpstack.c:434)
    [   15.617720]  ? page_fault_oops (arch/x86/mm/fault.c:727)
    [   15.617729]  ? exc_page_fault (arch/x86/include/asm/irqflags.h:37 arch/x86/mm/fault.c:1494 arch/x86/mm/fault.c:1542)
    [   15.617738]  ? asm_exc_page_fault (arch/x86/include/asm/idtentry.h:570)
    [   15.617747]  ? ath11k_pci_probe (drivers/net/wireless/ath/ath11k/pci.c:912) ath11k_pci
    [   15.617755]  ath11k_pci_probe (drivers/net/wireless/ath/ath11k/pci.c:906) ath11k_pci
    [   15.617760]  local_pci_probe (drivers/pci/pci-driver.c:324)
    [   15.617770]  pci_device_probe (drivers/pci/pci-driver.c:392 drivers/pci/pci-driver.c:460)
    [   15.617780]  really_probe (drivers/base/dd.c:579 drivers/base/dd.c:658)
    [   15.617790]  __driver_probe_device (drivers/base/dd.c:800)
    [   15.617800]  driver_probe_device (drivers/base/dd.c:830)
    [   15.617810]  </TASK>
    """

    /// syzbot-symbolised trace: `FUNC+0xOFF/0xSIZE FILE:LINE` and `FUNC FILE:LINE [inline]`.
    static let syzbotInline = """
    BUG: KASAN: use-after-free in ext4_xattr_set_entry+0x2d8c/0x3a40 fs/ext4/xattr.c:1607
    Read of size 4 at addr ffff88807c7f5004 by task syz-executor.2/5410

    CPU: 0 PID: 5410 Comm: syz-executor.2 Not tainted 6.3.0-syzkaller-12049-g58390c8ce1bd #0
    Call Trace:
     <TASK>
     __dump_stack lib/dump_stack.c:88 [inline]
     dump_stack_lvl+0xd9/0x150 lib/dump_stack.c:106
     print_address_description mm/kasan/report.c:319 [inline]
     print_report+0x163/0x540 mm/kasan/report.c:430
     kasan_report+0x176/0x1b0 mm/kasan/report.c:536
     ext4_xattr_set_entry+0x2d8c/0x3a40 fs/ext4/xattr.c:1607
     ext4_xattr_block_set fs/ext4/xattr.c:1944 [inline]
     ext4_xattr_set_handle+0xe7b/0x1d80 fs/ext4/xattr.c:2390
     ext4_xattr_set+0x231/0x3d0 fs/ext4/xattr.c:2491
     __vfs_setxattr+0x460/0x4a0 fs/xattr.c:203
     do_syscall_x64 arch/x86/entry/common.c:50 [inline]
     do_syscall_64+0x41/0xc0 arch/x86/entry/common.c:80
     entry_SYSCALL_64_after_hwframe+0x63/0xcd
    RIP: 0033:0x7f6a2d28c169
    RSP: 002b:00007f6a2dfaf168 EFLAGS: 00000246 ORIG_RAX: 00000000000000bc
     </TASK>
    """

    /// arm (32-bit) oops with `PC is at`, `Backtrace:` and register dumps between frames.
    static let armBacktrace = """
    8<--- cut here ---
    Unable to handle kernel NULL pointer dereference at virtual address 00000004
    [00000004] *pgd=00000000
    Internal error: Oops: 5 [#1] SMP ARM
    Modules linked in: snd_soc_simple_card
    CPU: 0 PID: 74 Comm: kworker/0:2 Not tainted 6.0.0-rc5-00012-g0123456789ab #2
    Hardware name: Allwinner sun8i Family
    Workqueue: events_freezable mmc_rescan
    PC is at sunxi_mmc_request+0x2c/0x3f0
    LR is at mmc_start_request+0xa0/0xbc
    pc : [<c06e2f1c>]    lr : [<c06c9b70>]    psr: 20000013
    sp : c1f53d88  ip : 00000000  fp : c1f53dbc
    r10: c1a8a800  r9 : 00000000  r8 : c1f53e24
    Process kworker/0:2 (pid: 74, stack limit = 0x(ptrval))
    Backtrace:
     sunxi_mmc_request from mmc_start_request+0xa0/0xbc
     r9:c1a8a800 r8:c1f53e24 r7:c1a8a800 r6:c1f53dfc r5:c1a8a800 r4:c1f53e24
     mmc_start_request from mmc_wait_for_req+0x84/0xe8
     r5:c1a8a800 r4:c1f53e24
     mmc_wait_for_req from mmc_wait_for_cmd+0x6c/0x98
     r7:c1f53e98 r6:00000000 r5:c1a8a800 r4:c1f53e24
     mmc_wait_for_cmd from mmc_send_if_cond+0x84/0xd8
     mmc_send_if_cond from mmc_rescan+0x1d4/0x340
     mmc_rescan from process_one_work+0x1f0/0x4d8
     process_one_work from worker_thread+0x50/0x594
     worker_thread from kthread+0xfc/0x118
     kthread from ret_from_fork+0x14/0x2c
    Exception stack(0xc1f53fb0 to 0xc1f53ff8)
    3fa0:                                     00000000 00000000 00000000 00000000
    Code: e5943004 e1a06000 e5930004 e3500000 (e5902004)
    ---[ end trace 0000000000000000 ]---
    """

    /// UBSAN, syslog-prefixed as /var/log/kern.log has it.
    static let ubsanKernLog = """
    Mar  3 10:12:01 gw kernel: [  812.004211] ================================================================================
    Mar  3 10:12:01 gw kernel: [  812.004219] UBSAN: array-index-out-of-bounds in drivers/net/wireless/intel/iwlwifi/mvm/rs.c:1487:23
    Mar  3 10:12:01 gw kernel: [  812.004230] index 8 is out of range for type 'u8 [8]'
    Mar  3 10:12:01 gw kernel: [  812.004236] CPU: 1 PID: 480 Comm: kworker/1:3 Not tainted 6.3.0-1-amd64 #1  Debian 6.3.7-1
    Mar  3 10:12:01 gw kernel: [  812.004245] Call Trace:
    Mar  3 10:12:01 gw kernel: [  812.004248]  <TASK>
    Mar  3 10:12:01 gw kernel: [  812.004251]  dump_stack_lvl+0x48/0x70
    Mar  3 10:12:01 gw kernel: [  812.004262]  __ubsan_handle_out_of_bounds+0xc6/0x110
    Mar  3 10:12:01 gw kernel: [  812.004270]  rs_fill_lq_cmd+0x2b1/0x4b0 [iwlmvm]
    Mar  3 10:12:01 gw kernel: [  812.004301]  iwl_mvm_rs_rate_init+0x6c/0x90 [iwlmvm]
    Mar  3 10:12:01 gw kernel: [  812.004330]  </TASK>
    Mar  3 10:12:01 gw kernel: [  812.004333] ================================================================================
    """

    /// KFENCE: the stack follows the access line, without a `Call Trace:` header.
    static let kfence = """
    ==================================================================
    BUG: KFENCE: use-after-free read in test_use_after_free_read+0xb3/0x143

    Use-after-free read at 0xffffffffb673dfe0 (in kfence-#24):
     test_use_after_free_read+0xb3/0x143
     kunit_try_run_case+0x51/0x85
     kunit_generic_run_threadfn_adapter+0x16/0x30
     kthread+0x137/0x160
     ret_from_fork+0x22/0x30

    kfence-#24: 0xffffffffb673dfe0-0xffffffffb673e01f, size=32, cache=kmalloc-32

    allocated by task 507 on cpu 7 at 143.146862s:
     test_alloc+0xfe/0x738
     kunit_try_run_case+0x51/0x85

    CPU: 7 PID: 507 Comm: kunit_try_catch Tainted: G        W         5.13.0-rc3+ #7
    ==================================================================
    """

    /// x86-64 `kernel BUG at` with RIP and a call trace through an IRQ.
    static let bugX86 = """
    ------------[ cut here ]------------
    kernel BUG at mm/slub.c:435!
    invalid opcode: 0000 [#1] PREEMPT SMP KASAN PTI
    CPU: 0 PID: 0 Comm: swapper/0 Not tainted 6.1.0-rc1 #1
    RIP: 0010:__slab_free+0x2f4/0x3a0
    Code: 0f 0b 48 89 df e8 ...
    Call Trace:
     <IRQ>
     ? rcu_do_batch+0x3c4/0x9e0
     kmem_cache_free+0x2c9/0x300
     rcu_do_batch+0x3c4/0x9e0
     rcu_core+0x3b7/0x590
     __do_softirq+0x11f/0x4b0
     </IRQ>
     <TASK>
     default_idle+0xe/0x20
     do_idle+0x1e5/0x250
     </TASK>
    """

    /// Prefixes every line with `depth` quote markers the way a mail client does.
    static func quoted(_ text: String, depth: Int, style: String = "> ") -> String {
        guard depth > 0 else { return text }
        let marker = String(repeating: ">", count: depth)
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            style == "> " ? (marker + (line.isEmpty ? "" : " " + line)) : (marker + line)
        }.joined(separator: "\n")
    }

    static func reports(_ text: String) -> [CrashReport] {
        ReportParser.reports(in: QuoteAnalyzer.analyse(text), partIndex: 0)
    }
}
