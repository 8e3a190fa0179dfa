import Testing
import Foundation
@testable import ListArcCore

/// Each report format with a few hunks written for it; one of them is the culprit.
@Suite struct FormatBlameTests {
    static func candidate(_ id: String, _ file: String, _ header: String, _ body: String) -> BlameCandidate {
        BlameCandidate(messageID: id, subject: "[PATCH] \(id)", date: nil, file: file, hunk: SeedHunks.make(header, body))
    }

    static func top(_ text: String, _ candidates: [BlameCandidate]) throws -> [Suspect] {
        let report = try #require(SampleOopses.reports(text).first)
        return BlameRanker.rank(report, candidates: candidates)
    }

    static let kasanHunks = [
        candidate("edge", "net/netfilter/nft_set_pipapo.c", "@@ -2240,8 +2240,10 @@ static void nft_pipapo_destroy(const struct nft_ctx *ctx,", """
         \t\tif (!nft_set_elem_active(&e->ext, genmask))
         \t\t\tcontinue;
         
        -\t\tnft_set_elem_expr_destroy(ctx, nft_set_elem_ext(set, e));
        +\t\tif (priv->dirty)
        +\t\t\tnft_set_elem_destroy(set, e, true);
        +\t\telse
        +\t\t\tnft_set_elem_expr_destroy(ctx, nft_set_elem_ext(set, e));
         \t}
         
         \tif (priv->clone) {
        """),
        candidate("outer", "net/netfilter/nf_tables_api.c", "@@ -9120,7 +9120,7 @@ static void nf_tables_trans_destroy_work(struct work_struct *w)", """
         \tspin_unlock(&nf_tables_destroy_list_lock);
         
        -\tsynchronize_rcu();
        +\tsynchronize_rcu_expedited();
         
         \tlist_for_each_entry_safe(trans, next, &head, list) {
        """),
        candidate("caller-elsewhere", "net/netfilter/nft_set_pipapo.c", "@@ -1900,6 +1900,7 @@ static void nft_pipapo_remove(const struct net *net, const struct nft_set *set,", """
         \t\tpipapo_drop(m, rulemap);
        +\t\tnft_set_elem_destroy(set, e, true);
         \t\treturn;
        """),
        candidate("unrelated", "net/netfilter/nft_set_hash.c", "@@ -400,6 +400,7 @@ static void nft_hash_walk(const struct nft_ctx *ctx, struct nft_set *set,", """
         \t\titer->count++;
        +\t\tcond_resched();
         \t}
        """),
    ]

    @Test(arguments: [0, 1, 2])
    func kasanUseAfterFree(depth: Int) throws {
        let suspects = try Self.top(SampleOopses.quoted(SampleOopses.kasanX86, depth: depth), Self.kasanHunks)
        #expect(suspects.first?.messageID == "edge")
        #expect(suspects.map(\.messageID) == ["edge", "outer"])
        #expect(suspects.first?.evidence.first?.hasPrefix("adds a call from nft_pipapo_destroy to nft_set_elem_destroy (+2244") == true)
    }

    static let warningHunks = [
        candidate("wait-loop", "drivers/gpu/drm/drm_atomic_helper.c", "@@ -1670,12 +1670,14 @@ drm_atomic_helper_wait_for_vblanks(struct drm_device *dev,", """
         \t\tret = wait_event_timeout(dev->vblank[i].queue,
         \t\t\t\told_state->crtcs[i].last_vblank_count !=
         \t\t\t\t\tdrm_crtc_vblank_count(crtc),
        -\t\t\t\tmsecs_to_jiffies(100));
        +\t\t\t\tmsecs_to_jiffies(50));
         
        -\t\tWARN(!ret, "[CRTC:%d:%s] vblank wait timed out\\n",
        -\t\t     crtc->base.id, crtc->name);
        +\t\tif (!ret)
        +\t\t\tWARN(1, "[CRTC:%d:%s] vblank wait timed out\\n",
        +\t\t\t     crtc->base.id, crtc->name);
         
         \t\tdrm_crtc_vblank_put(crtc);
         \t}
        """),
        candidate("commit-tail", "drivers/gpu/drm/drm_atomic_helper.c", "@@ -1800,6 +1800,7 @@ static void commit_tail(struct drm_atomic_state *old_state)", """
         \tfunclist->atomic_commit_tail(old_state);
        +\tdrm_atomic_helper_fake_vblank(old_state);
         
        """),
        candidate("driver", "drivers/gpu/drm/rockchip/rockchip_drm_fb.c", "@@ -30,7 +30,7 @@ rockchip_atomic_helper_commit_tail_rpm(struct drm_atomic_state *old_state)", """
         \tdrm_atomic_helper_commit_modeset_enables(dev, old_state);
         
        -\tdrm_atomic_helper_commit_planes(dev, old_state, DRM_PLANE_COMMIT_ACTIVE_ONLY);
        +\tdrm_atomic_helper_commit_planes(dev, old_state, 0);
         
        """),
    ]

    @Test(arguments: [0, 1, 2])
    func arm64Warning(depth: Int) throws {
        let suspects = try Self.top(SampleOopses.quoted(SampleOopses.warningArm64, depth: depth), Self.warningHunks)
        #expect(suspects.first?.messageID == "wait-loop")
        #expect(suspects.first?.evidence.contains { $0.hasPrefix("the WARNING at drivers/gpu/drm/drm_atomic_helper.c:1679 is inside the hunk's new lines 1670-1683") } == true)
        #expect(Set(suspects.map(\.messageID)) == ["wait-loop", "commit-tail", "driver"])
    }

    static let decodedHunks = [
        candidate("probe", "drivers/net/wireless/ath/ath11k/pci.c", "@@ -903,10 +903,8 @@ static int ath11k_pci_probe(struct pci_dev *pdev,", """
         \tab_pci->ab = ab;
         \tab_pci->pdev = pdev;
        -\tab->hif.ops = &ath11k_pci_hif_ops;
        -\tab->fw_mode = ATH11K_FIRMWARE_MODE_NORMAL;
         \tpci_set_drvdata(pdev, ab);
         \tspin_lock_init(&ab_pci->window_lock);
         
         \tsoc_hw_version = ath11k_pci_read(ab, TCSR_SOC_HW_VERSION);
         \tab->hw_rev = soc_hw_version & 0xff;
         \tret = ath11k_pci_claim(ab_pci, pdev);
        """),
        candidate("same-name-other-file", "drivers/pci/legacy.c", "@@ -320,6 +320,7 @@ static long local_pci_probe(void *_ddi)", """
         \tpm_runtime_get_sync(dev);
        +\tpci_dev->driver = pci_drv;
         \trc = pci_drv->probe(pci_dev, ddi->id);
        """),
        candidate("bus", "drivers/pci/pci-driver.c", "@@ -318,6 +318,7 @@ static long local_pci_probe(void *_ddi)", """
         \tpm_runtime_get_sync(dev);
        +\tpci_dev->driver = pci_drv;
         \trc = pci_drv->probe(pci_dev, ddi->id);
        """),
    ]

    @Test(arguments: [0, 1, 2])
    func decodedTrace(depth: Int) throws {
        let suspects = try Self.top(SampleOopses.quoted(SampleOopses.decodedX86, depth: depth), Self.decodedHunks)
        #expect(suspects.map(\.messageID) == ["probe", "bus"])
        #expect(suspects.first?.evidence.contains { $0.contains("ath11k_pci_probe (drivers/net/wireless/ath/ath11k/pci.c:906) is inside the hunk's new lines 903-910") } == true)
    }

    static let armHunks = [
        candidate("if-cond", "drivers/mmc/core/sd_ops.c", "@@ -150,12 +150,13 @@ int mmc_send_if_cond(struct mmc_host *host, u32 ocr)", """
         \tcmd.arg = ((ocr & 0xFF8000) != 0) << 8 | test_pattern;
         \tcmd.flags = MMC_RSP_SPI_R7 | MMC_RSP_R7 | MMC_CMD_BCR;
         
        -\terr = mmc_wait_for_cmd(host, &cmd, 0);
        +\tcmd.busy_timeout = 0;
        +\terr = mmc_wait_for_cmd(host, &cmd, MMC_CMD_RETRIES);
         \tif (err)
         \t\treturn err;
         
        """),
        candidate("host", "drivers/mmc/host/sunxi-mmc.c", "@@ -1030,7 +1030,7 @@ static void sunxi_mmc_request(struct mmc_host *mmc, struct mmc_request *mrq)", """
         \tstruct mmc_data *data = mrq->data;
        -\tu32 imask = SDXC_INTERRUPT_ERROR_BIT;
        +\tu32 imask = SDXC_INTERRUPT_ERROR_BIT | host->sdio_imask;
         \tu32 cmd_val = SDXC_START | (cmd->opcode & 0x3f);
        """),
        candidate("rescan-helper", "drivers/mmc/core/core.c", "@@ -2200,6 +2200,9 @@ void mmc_rescan(struct work_struct *work)", """
         \t\tgoto out;
        +
        +\tif (host->caps2 & MMC_CAP2_NO_SD)
        +\t\tgoto out;
        """),
    ]

    @Test(arguments: [0, 1, 2])
    func armBacktrace(depth: Int) throws {
        let suspects = try Self.top(SampleOopses.quoted(SampleOopses.armBacktrace, depth: depth), Self.armHunks)
        #expect(suspects.map(\.messageID) == ["if-cond", "host", "rescan-helper"])
        #expect(suspects.first?.evidence.first?.hasPrefix("adds a call from mmc_send_if_cond to mmc_wait_for_cmd (+154") == true)
    }

    @Test func reportWithoutFramesFallsBackToThreadLinks() {
        let report = CrashReport(kind: .other, title: "INFO: task foo blocked for more than 120 seconds.", frames: [])
        var linked = Self.armHunks[0]
        linked.reportRepliesToPatch = true
        let suspects = BlameRanker.rank(report, candidates: [Self.armHunks[1], linked])
        #expect(suspects.map(\.messageID) == ["if-cond"])
    }
}
