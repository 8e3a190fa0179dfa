/// The frames of a report that can implicate a patch, innermost first: without
/// the reporting machinery (dump_stack, kasan_report, __warn, page-fault
/// handlers…) and entry code (ret_fast_syscall, entry_SYSCALL_64, kthread…),
/// which every report shares. `? ` frames are kept aside: x86 prints them
/// because a stale return address was found on the stack.
struct TraceChain {
    struct Link {
        /// Position in `CrashReport.frames`.
        var index: Int
        var frame: Frame
        var name: String
    }
    /// Reliable frames; a link's position in this array is its distance from the crash.
    var links: [Link] = []
    /// Unreliable frames with the chain position nearest to them.
    var guesses: [(link: Link, position: Int)] = []
    /// Reliable frames repeating the previous link's function, with that link's position.
    var repeats: [(link: Link, position: Int)] = []

    static let noise: Set<String> = [
        // entry and scheduling scaffolding
        "ret_fast_syscall", "ret_from_fork", "ret_from_fork_asm", "entry_SYSCALL_64", "entry_SYSCALL_64_after_hwframe",
        "do_syscall_64", "do_syscall_x64", "do_int80_syscall_32", "entry_INT80_compat", "el0_svc", "el0_svc_common",
        "do_el0_svc", "invoke_syscall", "el0t_64_sync", "el0t_64_sync_handler", "el0t_32_sync", "el0_sync", "vector_swi",
        "__sys_trace_return", "syscall_exit_to_user_mode", "exit_to_user_mode_prepare", "kthread", "worker_thread",
        "process_one_work", "smpboot_thread_fn", "ret_from_exception", "handle_exception", "el1h_64_sync", "el1h_64_irq",
        "el1h_64_sync_handler", "secondary_startup_64", "secondary_startup_64_no_verify", "start_kernel", "cpu_startup_entry",
        "asm_exc_page_fault", "asm_exc_invalid_op", "asm_sysvec_apic_timer_interrupt", "asm_common_interrupt",
        // reporting machinery
        "dump_stack", "dump_stack_lvl", "__dump_stack", "show_stack", "dump_backtrace", "print_report",
        "print_address_description", "kasan_report", "kasan_check_range", "kasan_report_invalid_free", "__warn",
        "warn_slowpath_fmt", "report_bug", "handle_bug", "exc_invalid_op", "do_trap", "do_error_trap", "die", "__die",
        "oops_end", "page_fault_oops", "exc_page_fault", "do_user_addr_fault", "__do_kernel_fault", "do_page_fault",
        "do_translation_fault", "do_mem_abort", "do_DataAbort", "do_bad_area", "die_kernel_fault", "kfence_report_error",
        "kfence_handle_page_fault", "ubsan_epilogue", "panic", "bug_handler", "brk_handler", "call_break_hook",
        "do_debug_exception", "el1_dbg", "el1_abort", "do_undefinstr", "__do_user_fault", "check_memory_region",
    ]
    static let noisePrefixes = ["__asan_", "__ubsan_handle_", "__pfx_", "__kasan_", "kasan_", "__sanitizer_", "__kmsan_", "kmsan_"]

    static func isNoise(_ name: String) -> Bool {
        noise.contains(name) || noisePrefixes.contains { name.hasPrefix($0) }
    }

    init(_ report: CrashReport) {
        var frames = Array(report.frames.enumerated())
        // Sanitizer reports: everything above the function the title names is the sanitizer itself.
        if let f = report.function.map(Frame.baseName), let at = frames.firstIndex(where: { $0.element.reliable && $0.element.baseFunction == f }) {
            frames = Array(frames[at...])
        }
        for (index, frame) in frames {
            let name = frame.baseFunction
            guard !name.isEmpty, !TraceChain.isNoise(name) else { continue }
            let link = Link(index: index, frame: frame, name: name)
            if !frame.reliable {
                guesses.append((link, links.count))
            } else if let last = links.last, last.name == name {
                // The same function twice in a row (RIP and the trace's first line,
                // or an inline site): one step of the chain, two locations.
                repeats.append((link, links.count - 1))
            } else {
                links.append(link)
            }
        }
    }

    /// Names worth looking up in the archive (for a store to preselect candidates).
    var functionNames: [String] {
        var seen = Set<String>()
        return (links + guesses.map(\.link)).map(\.name).filter { seen.insert($0).inserted }
    }
}
