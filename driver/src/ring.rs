//! The TX and RX rings from the host's side: descriptors and buffers in DMA memory, one doorbell
//! per batch, completions found by their phase bit (no register read on the fast path).

use macsec_model::regmap::card as c;
use macsec_model::regmap::rings::{self as rg, rx as rxr, tx as txr, DropReason};
use macsec_model::regmap::Register;

use crate::card::Card;
use crate::dma::DmaBuffer;
use crate::error::{DriverError, Result};

/// What the card reported for one transmitted descriptor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TxCompletion {
    /// Ring pointer of the descriptor.
    pub index: u16,
    /// Length sent on the wire, 0 if the frame was discarded.
    pub len: u16,
    /// The SecY counter the frame moved (catalogue id, SecY scope).
    pub counter: u8,
    pub an: Option<u8>,
    pub pn: u64,
    pub transmitted: bool,
}

/// What the card reported for one delivered frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RxCompletion {
    pub index: u16,
    pub len: u16,
    pub counter: u8,
    pub an: Option<u8>,
    /// The receive SC slot, if the frame had one.
    pub sc: Option<u16>,
    pub pn: u64,
}

/// One ring's host-side state.
pub(crate) struct Ring {
    name: &'static str,
    /// Offset of the ring block's registers.
    block: u32,
    desc: Box<dyn DmaBuffer>,
    cpl: Box<dyn DmaBuffer>,
    bufs: Box<dyn DmaBuffer>,
    log: u32,
    buf_size: usize,
    /// Descriptors posted.
    prod: u16,
    /// Descriptors completed.
    done: u16,
    cpl_cons: u16,
    /// Completion entries fetched ahead, and how far they have been consumed.
    run: Box<[u8; 32 * RUN]>,
    run_at: usize,
    run_len: usize,
    /// Descriptors being written (kept to reuse).
    scratch: Vec<u8>,
    /// RX completions collected before their frames are handed over (kept to reuse).
    rx_batch: Vec<(RxCompletion, usize)>,
    /// TX: the length posted in each slot, to check the completion against.
    posted_len: Vec<u16>,
    /// Set when the card broke the ring's contract: the driver stopped the ring and uses it no
    /// more.
    broken: bool,
}

/// Completion entries fetched per DMA read, at most.
const RUN: usize = 16;
/// RX completions handed over per buffer access, at most.
const RX_BATCH: usize = 64;

pub(crate) type TxRing = Ring;
pub(crate) type RxRing = Ring;

/// A raw completion entry.
struct Entry {
    index: u16,
    len: u16,
    counter: u8,
    an: u8,
    sc: u16,
    pn: u64,
    flags: u32,
}

/// The error for a ring call before [`Card::setup_rings`] (built only when needed: it allocates).
fn no_rings() -> DriverError {
    DriverError::Invalid("rings are not set up".into())
}

/// Register `r` of the ring block at `block` (ring blocks share one layout, 0x100 apart).
fn reg(block: u32, r: Register) -> u32 {
    block + (r.offset & 0xFF)
}

impl Ring {
    fn size(&self) -> u16 {
        1 << self.log
    }

    /// Descriptors posted and not completed: never more than the ring holds, as every
    /// completion is checked against what was posted.
    fn outstanding(&self) -> u16 {
        self.prod.wrapping_sub(self.done)
    }

    /// Free descriptors.
    fn space(&self) -> u16 {
        self.size().saturating_sub(self.outstanding())
    }

    /// Refuse to use a ring the driver stopped.
    fn usable(&self) -> Result<()> {
        if self.broken {
            return Err(DriverError::Ring {
                ring: self.name,
                reason: "stopped by the driver: the card broke the ring's contract",
            });
        }
        Ok(())
    }

    /// Write descriptors for `n` consecutive ring pointers from `self.prod`, `what(i)` giving
    /// (IOVA, length) of the i-th; in at most two DMA writes (the ring may wrap).
    fn descriptors(&mut self, n: u16, what: impl Fn(u16) -> (u64, u32)) {
        let mut i = 0;
        while i < n {
            let slot = self.prod.wrapping_add(i) & (self.size() - 1);
            let run = (n - i).min(self.size() - slot);
            // A scratch kept in the ring: a fresh zeroed block per call cost a memset per batch.
            self.scratch.clear();
            for k in 0..run {
                let (iova, len) = what(i + k);
                self.scratch.extend_from_slice(&iova.to_le_bytes());
                self.scratch.extend_from_slice(&len.to_le_bytes());
                self.scratch.extend_from_slice(&[0; 4]);
            }
            self.desc.write(slot as usize * 16, &self.scratch);
            i += run;
        }
    }

    /// Hand the valid completion entries, in order and at most `max` of them, to `f` with the
    /// ring slot of the descriptor each completes; stop at the first stale phase. Entries are
    /// fetched in runs (up to the ring's end, at most 16) and the run is cut at the first stale
    /// phase. The pointers stay in locals for the loop and are stored once at the end: a 16-bit
    /// field stored per entry and read back by the next one stalls store forwarding.
    fn take_entries(
        &mut self,
        max: usize,
        mut f: impl FnMut(&Entry, u16) -> Result<()>,
    ) -> Result<usize> {
        let size = self.size();
        let (mut cons, mut done) = (self.cpl_cons, self.done);
        let (mut at, mut len) = (self.run_at, self.run_len);
        let mut n = 0;
        let r = loop {
            if n == max {
                break Ok(());
            }
            if at >= len {
                let slot = (cons & (size - 1)) as usize;
                len = (size as usize - slot).min(RUN);
                self.cpl.read_entries(slot * 32, &mut self.run[..32 * len]);
                at = 0;
            }
            let e: &[u8; 32] = self.run[32 * at..32 * at + 32]
                .try_into()
                .unwrap_or_else(|_| unreachable!("a run holds whole entries"));
            let phase = u32::from_le_bytes([e[28], e[29], e[30], e[31]]) & rg::PHASE_BIT != 0;
            if phase == (cons & size != 0) {
                // Stale from here on: read afresh next time.
                len = 0;
                break Ok(());
            }
            let entry = Entry::parse(e);
            let bad = |detail: String| DriverError::Completion {
                ring: self.name,
                detail,
            };
            if done == self.prod {
                break Err(bad(format!(
                    "entry for descriptor {}, but every posted descriptor ({done} so far) is complete",
                    entry.index
                )));
            }
            if entry.index != done {
                break Err(bad(format!(
                    "entry for descriptor {} (length {}) where {done} was due",
                    entry.index, entry.len
                )));
            }
            if let Err(e) = f(&entry, done & (size - 1)) {
                break Err(e);
            }
            at += 1;
            n += 1;
            cons = cons.wrapping_add(1);
            done = done.wrapping_add(1);
        };
        (self.cpl_cons, self.done, self.run_at, self.run_len) = (cons, done, at, len);
        r.map(|()| n)
    }
}

/// Whether counter catalogue id `id` is a transmit (or receive) counter of the SecY. Each
/// direction's ids run contiguously from its first counter's (checked per completion, so a range
/// test rather than a search).
fn counter_ok(id: u8, tx: bool) -> bool {
    use macsec_model::card::{rx_counter_id, tx_counter_id};
    use macsec_model::{RxCounter, TxCounter};
    if tx {
        id.wrapping_sub(tx_counter_id(TxCounter::ALL[0])) < TxCounter::ALL.len() as u8
    } else {
        id == 0xFF || id.wrapping_sub(rx_counter_id(RxCounter::ALL[0])) < RxCounter::ALL.len() as u8
    }
}

/// The most a SecTAG and an ICV add to a frame.
const MAX_OVERHEAD: u16 = 32;

/// A TX completion's fields against the frame posted in its slot.
fn check_tx(e: &Entry, posted: u16) -> Result<()> {
    let bad = |what: String| {
        Err(DriverError::Completion {
            ring: "TX",
            detail: format!("entry for descriptor {}: {what}", e.index),
        })
    };
    let sent = e.flags & rg::CPL_FLAG_PASSED != 0;
    if sent && !(posted..=posted.saturating_add(MAX_OVERHEAD)).contains(&e.len) {
        return bad(format!("{} octets sent for a {posted}-octet frame", e.len));
    }
    if !sent && e.len != 0 {
        return bad(format!("{} octets for a frame not sent", e.len));
    }
    if !counter_ok(e.counter, true) {
        return bad(format!("counter id {} is no transmit counter", e.counter));
    }
    if e.an > 3 && e.an != 0xFF {
        return bad(format!("AN {}", e.an));
    }
    Ok(())
}

/// An RX completion's fields against the buffer and the card's SC slots.
fn check_rx(e: &Entry, buf_size: usize, rx_scs: u16) -> Result<()> {
    let bad = |what: String| {
        Err(DriverError::Completion {
            ring: "RX",
            detail: format!("entry for descriptor {}: {what}", e.index),
        })
    };
    if e.len == 0 || e.len as usize > buf_size {
        return bad(format!(
            "length {}, outside its {buf_size}-octet buffer",
            e.len
        ));
    }
    if e.flags & rg::CPL_FLAG_PASSED == 0 {
        return bad("not marked delivered".into());
    }
    if !counter_ok(e.counter, false) {
        return bad(format!("counter id {} is no receive counter", e.counter));
    }
    if e.an > 3 && e.an != 0xFF {
        return bad(format!("AN {}", e.an));
    }
    if e.sc != rg::CPL_NO_SC && e.sc >= rx_scs {
        return bad(format!("SC slot {} of {rx_scs}", e.sc));
    }
    Ok(())
}

impl Entry {
    fn parse(e: &[u8; 32]) -> Entry {
        Entry {
            index: u16::from_le_bytes([e[0], e[1]]),
            len: u16::from_le_bytes([e[2], e[3]]),
            counter: e[4],
            an: e[5],
            sc: u16::from_le_bytes([e[6], e[7]]),
            pn: u64::from_le_bytes([e[8], e[9], e[10], e[11], e[12], e[13], e[14], e[15]]),
            flags: u32::from_le_bytes([e[16], e[17], e[18], e[19]]),
        }
    }
}

impl Card {
    fn make_ring(&self, name: &'static str, block: u32, log: u32, buf_size: usize) -> Result<Ring> {
        let size = 1usize << log;
        let ring = Ring {
            name,
            block,
            desc: self.dev.alloc_dma(16 * size)?,
            cpl: self.dev.alloc_dma(32 * size)?,
            bufs: self.dev.alloc_dma(buf_size * size)?,
            log,
            buf_size,
            prod: 0,
            done: 0,
            cpl_cons: 0,
            run: Box::new([0; 32 * RUN]),
            rx_batch: Vec::with_capacity(RX_BATCH),
            scratch: Vec::with_capacity(16 * size),
            run_at: 0,
            run_len: 0,
            posted_len: vec![0; size],
            broken: false,
        };
        let io = &*self.dev;
        let b = block;
        io.write32(reg(b, txr::CTRL), 0)?;
        io.write32(reg(b, txr::BASE_LO), ring.desc.iova() as u32)?;
        io.write32(reg(b, txr::BASE_HI), (ring.desc.iova() >> 32) as u32)?;
        io.write32(reg(b, txr::LOG_SIZE), log)?;
        io.write32(reg(b, txr::CPL_BASE_LO), ring.cpl.iova() as u32)?;
        io.write32(reg(b, txr::CPL_BASE_HI), (ring.cpl.iova() >> 32) as u32)?;
        io.write32(reg(b, txr::CPL_LOG_SIZE), log)?;
        io.write32(reg(b, txr::PROD_PTR), 0)?;
        io.write32(reg(b, txr::CPL_CONS_PTR), 0)?;
        io.write32(reg(b, txr::CTRL), rg::CTRL_ENABLE.bit())?;
        let st = io.read32(reg(b, txr::STATUS))?;
        if rg::STATUS_ACTIVE.get(st) == 0 {
            return Err(DriverError::Ring {
                ring: name,
                reason: "did not start (bad size or alignment)",
            });
        }
        Ok(ring)
    }

    /// Create both rings with 2^`log_size` entries and buffers of `buf_size` octets, enable the
    /// datapath and the interrupt causes, and fill the RX ring with empty buffers.
    pub fn setup_rings(&mut self, log_size: u32, buf_size: usize) -> Result<()> {
        if !(1..=rg::MAX_LOG_SIZE).contains(&log_size) {
            return Err(DriverError::Invalid(format!(
                "ring size 2^{log_size} is outside 2^1..2^15"
            )));
        }
        if !(64..=rg::MAX_FRAME as usize + 1).contains(&buf_size) {
            return Err(DriverError::Invalid(format!(
                "buffer size {buf_size} is outside 64..=16384"
            )));
        }
        let buf_size = buf_size.div_ceil(64) * 64;
        self.tx = None;
        self.rx = None;
        self.tx = Some(self.make_ring("TX", txr::BASE, log_size, buf_size)?);
        self.rx = Some(self.make_ring("RX", rxr::BASE, log_size, buf_size)?);
        self.dev.write32(c::IRQ_MASK.offset, c::IRQ_ALL)?;
        self.enable(true)?;
        self.refill_rx()?;
        Ok(())
    }

    /// Free TX descriptors (none on a ring the driver stopped).
    pub fn tx_space(&self) -> usize {
        self.tx
            .as_ref()
            .filter(|r| !r.broken)
            .map_or(0, |r| r.space() as usize)
    }

    /// TX descriptors posted and not yet completed.
    pub fn tx_outstanding(&self) -> usize {
        self.tx.as_ref().map_or(0, |r| r.outstanding() as usize)
    }

    /// Copy frames into TX buffers and post them with one doorbell; returns how many fitted.
    pub fn post_tx(&mut self, frames: &[&[u8]]) -> Result<usize> {
        let ring = self.tx.as_mut().ok_or_else(no_rings)?;
        ring.usable()?;
        let max = ring.buf_size.min(rg::MAX_FRAME as usize);
        if let Some(f) = frames.iter().find(|f| f.is_empty() || f.len() > max) {
            return Err(DriverError::Invalid(format!(
                "frame of {} octets does not fit a {}-octet buffer",
                f.len(),
                ring.buf_size
            )));
        }
        let n = frames.len().min(ring.space() as usize);
        let mask = ring.size() - 1;
        let (prod, buf_size) = (ring.prod, ring.buf_size);
        for (i, f) in frames[..n].iter().enumerate() {
            ring.posted_len[(prod.wrapping_add(i as u16) & mask) as usize] = f.len() as u16;
        }
        ring.bufs
            .write_many(&mut frames[..n].iter().enumerate().map(|(i, f)| {
                let slot = prod.wrapping_add(i as u16) & mask;
                (slot as usize * buf_size, &f[..])
            }));
        let bufs = ring.bufs.iova();
        ring.descriptors(n as u16, |i| {
            let slot = prod.wrapping_add(i) & mask;
            (
                bufs + (slot as usize * buf_size) as u64,
                frames[i as usize].len() as u32,
            )
        });
        ring.prod = ring.prod.wrapping_add(n as u16);
        if n > 0 {
            ring.desc.flush();
            self.dev
                .write32(reg(ring.block, txr::PROD_PTR), ring.prod as u32)?;
        }
        Ok(n)
    }

    /// Collect TX completions; returns how many. A completion that breaks the contract (for a
    /// descriptor never posted, out of order, with impossible fields) stops the ring.
    pub fn reap_tx(&mut self, out: &mut Vec<TxCompletion>) -> Result<usize> {
        let mut total = 0;
        for confirm in [false, true] {
            let n = self.reap_tx_once(out)?;
            total += n;
            let ring = self.tx.as_mut().ok_or_else(no_rings)?;
            let (name, block, cons, pending) =
                (ring.name, ring.block, ring.cpl_cons, ring.outstanding() > 0);
            if !self.finish_reap(name, block, cons, n, pending, confirm)? {
                break;
            }
        }
        Ok(total)
    }

    fn reap_tx_once(&mut self, out: &mut Vec<TxCompletion>) -> Result<usize> {
        let ring = self.tx.as_mut().ok_or_else(no_rings)?;
        ring.usable()?;
        let posted = std::mem::take(&mut ring.posted_len);
        let r = ring.take_entries(usize::MAX, |e, slot| {
            check_tx(e, posted[slot as usize])?;
            out.push(TxCompletion {
                index: e.index,
                len: e.len,
                counter: e.counter,
                an: (e.an != 0xFF).then_some(e.an),
                pn: e.pn,
                transmitted: e.flags & rg::CPL_FLAG_PASSED != 0,
            });
            Ok(())
        });
        let ring = self.tx.as_mut().ok_or_else(no_rings)?;
        ring.posted_len = posted;
        self.contract(true, r)
    }

    /// After a reap: release the completion entries, or — when nothing came though the card
    /// owes some — find out why (a stopped ring, a vanished card, or entries not seen yet).
    /// Returns true when the card's CPL_PROD_PTR says it wrote entries this reap did not see:
    /// the card may have written them after the scan (its writes and this driver's reads cross
    /// in flight), so the caller scans once more. Only when that second scan, made after the
    /// pointer was read, still finds a stale phase (`confirm`) is the ring inconsistent.
    fn finish_reap(
        &self,
        name: &'static str,
        block: u32,
        cons: u16,
        n: usize,
        pending: bool,
        confirm: bool,
    ) -> Result<bool> {
        let io = &*self.dev;
        if n > 0 {
            io.write32(reg(block, txr::CPL_CONS_PTR), cons as u32)?;
            return Ok(false);
        }
        if !pending {
            return Ok(false);
        }
        let st = io.read32(reg(block, txr::STATUS))?;
        if st == u32::MAX {
            return Err(DriverError::SurpriseRemoval);
        }
        // A stopped ring says why in STATUS.
        for (bit, reason) in [
            (rg::STATUS_DMA_ERROR, "DMA error"),
            (rg::STATUS_DESC_ERROR, "descriptor error"),
            (rg::STATUS_CONFIG_ERROR, "configuration error"),
            (rg::STATUS_PTR_ERROR, "pointer error"),
        ] {
            if bit.get(st) != 0 {
                return Err(DriverError::Ring { ring: name, reason });
            }
        }
        if rg::STATUS_ACTIVE.get(st) == 0 {
            // Only the driver clears CTRL.ENABLE, and it reaps no ring it stopped: a ring that
            // is not active while it owes entries was reset under the driver (a Function Level
            // Reset, a CONTROL.RESET by someone else) and will never complete them.
            return Err(DriverError::Ring {
                ring: name,
                reason: "not active: the card was reset",
            });
        }
        let hw = io.read32(reg(block, txr::CPL_PROD_PTR))?;
        if hw == u32::MAX {
            return Err(DriverError::SurpriseRemoval);
        }
        let hw = hw as u16;
        if hw == cons {
            return Ok(false);
        }
        if !confirm {
            // The pointer's read completed after the card's entry writes (PCIe orders a read
            // completion behind earlier posted writes): what it counts is in memory now.
            crate::barrier::dma_rmb();
            return Ok(true);
        }
        Err(DriverError::Completion {
            ring: name,
            detail: format!("card produced up to {hw} but entry {cons} has the wrong phase"),
        })
    }

    /// Post every free RX buffer, with one doorbell; returns how many.
    pub fn refill_rx(&mut self) -> Result<usize> {
        let ring = self.rx.as_mut().ok_or_else(no_rings)?;
        ring.usable()?;
        let n = ring.space();
        let (mask, cap) = (
            ring.size() - 1,
            ring.buf_size.min(rg::MAX_FRAME as usize) as u32,
        );
        let (bufs, prod, buf_size) = (ring.bufs.iova(), ring.prod, ring.buf_size);
        ring.descriptors(n, |i| {
            let slot = prod.wrapping_add(i) & mask;
            (bufs + (slot as usize * buf_size) as u64, cap)
        });
        ring.prod = ring.prod.wrapping_add(n);
        if n > 0 {
            ring.desc.flush();
            self.dev
                .write32(reg(ring.block, rxr::PROD_PTR), ring.prod as u32)?;
        }
        Ok(n as usize)
    }

    /// Hand every delivered frame to `f`, then give the buffers back to the card.
    pub fn reap_rx(&mut self, mut f: impl FnMut(&RxCompletion, &[u8])) -> Result<usize> {
        let mut total = 0;
        for confirm in [false, true] {
            let n = self.reap_rx_once(&mut f)?;
            total += n;
            let ring = self.rx.as_mut().ok_or_else(no_rings)?;
            let (name, block, cons) = (ring.name, ring.block, ring.cpl_cons);
            // The card may owe RX completions at any time, so a stopped ring is checked on
            // every empty reap.
            if !self.finish_reap(name, block, cons, n, true, confirm)? {
                break;
            }
        }
        if total > 0 {
            self.refill_rx()?;
        }
        Ok(total)
    }

    fn reap_rx_once(&mut self, f: &mut impl FnMut(&RxCompletion, &[u8])) -> Result<usize> {
        let rx_scs = self.info.rx_scs;
        let ring = self.rx.as_mut().ok_or_else(no_rings)?;
        ring.usable()?;
        let mut n = 0;
        let mut batch = std::mem::take(&mut ring.rx_batch);
        let r = loop {
            // Collect a run of completions, then hand their frames over in one buffer access.
            batch.clear();
            let buf_size = ring.buf_size;
            let got = ring.take_entries(RX_BATCH, |e, slot| {
                check_rx(e, buf_size, rx_scs)?;
                let cpl = RxCompletion {
                    index: e.index,
                    len: e.len,
                    counter: e.counter,
                    an: (e.an != 0xFF).then_some(e.an),
                    sc: (e.sc != rg::CPL_NO_SC).then_some(e.sc),
                    pn: e.pn,
                };
                batch.push((cpl, slot as usize * buf_size));
                Ok(())
            });
            if let Err(e) = got {
                break Err(e);
            }
            if batch.is_empty() {
                break Ok(());
            }
            let mut ranges = batch.iter().map(|(c, off)| (*off, c.len as usize));
            let mut k = 0;
            ring.bufs.with_many(&mut ranges, &mut |frame| {
                f(&batch[k].0, frame);
                k += 1;
            });
            n += batch.len();
        };
        ring.rx_batch = batch;
        self.contract(false, r)?;
        Ok(n)
    }

    /// After taking completions: a card that broke the contract has its ring stopped (CTRL
    /// cleared) and marked, so no further descriptor is posted to it.
    fn contract<T>(&mut self, tx: bool, r: Result<T>) -> Result<T> {
        let Err(e) = r else { return r };
        if let DriverError::Completion { .. } = e {
            let ring = if tx {
                self.tx.as_mut()
            } else {
                self.rx.as_mut()
            };
            if let Some(ring) = ring {
                ring.broken = true;
                let block = ring.block;
                // The error is what the caller needs to hear; the stop is best effort.
                let _ = self.dev.write32(reg(block, txr::CTRL), 0);
            }
        }
        Err(e)
    }

    /// Received frames the card's DMA side dropped, for any reason.
    pub fn rx_drops(&self) -> Result<u32> {
        self.dev.read32(rxr::DROPS.offset)
    }

    /// Received frames the card's DMA side dropped, by reason (every reason, in
    /// [`DropReason::ALL`] order).
    pub fn rx_drops_by_reason(&self) -> Result<Vec<(DropReason, u32)>> {
        DropReason::ALL
            .iter()
            .map(|&r| Ok((r, self.dev.read32(r.register().offset)?)))
            .collect()
    }

    /// Frames the card wrote into RX buffers (its RX_RING.FRAMES).
    pub fn rx_frames(&self) -> Result<u32> {
        self.dev.read32(rxr::FRAMES.offset)
    }

    /// Read and clear the interrupt causes.
    pub fn take_irq(&mut self) -> Result<u32> {
        let v = self.dev.read32(c::IRQ_STATUS.offset)?;
        if v == u32::MAX {
            return Err(DriverError::SurpriseRemoval);
        }
        if v != 0 {
            self.dev.write32(c::IRQ_STATUS.offset, v)?;
        }
        Ok(v)
    }

    /// Wait for the card's interrupt: true once an unmasked cause is pending, false when
    /// `timeout` passed first. MSI-X messages are edges (CARD.IRQ_ARM): the vector is re-armed
    /// first, so a cause still pending sends its message at once and none is lost between the
    /// last [`Card::take_irq`] and this wait. A message can also arrive late — sent after the
    /// re-arm's read-back completed, for a cause the host has since cleared — so a wake-up with
    /// nothing pending is spurious and the wait goes on, as an interrupt handler says IRQ_NONE.
    pub fn wait(&self, timeout: std::time::Duration) -> Result<bool> {
        let start = std::time::Instant::now();
        loop {
            self.dev
                .write32(c::IRQ_ARM.offset, c::IRQ_ARM_ARMED.bit())?;
            // Reading IRQ_ARM back makes the posted re-arm take effect before the wait.
            if self.dev.read32(c::IRQ_ARM.offset)? == u32::MAX {
                return Err(DriverError::SurpriseRemoval);
            }
            let left = timeout.saturating_sub(start.elapsed());
            if !self.dev.wait_irq(left)? {
                return Ok(false);
            }
            let pending =
                self.dev.read32(c::IRQ_STATUS.offset)? & self.dev.read32(c::IRQ_MASK.offset)?;
            if pending == u32::MAX {
                return Err(DriverError::SurpriseRemoval);
            }
            if pending != 0 {
                return Ok(true);
            }
            if start.elapsed() >= timeout {
                return Ok(false);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::counter_ok;
    use macsec_model::card::{rx_counter_id, tx_counter_id};
    use macsec_model::{RxCounter, TxCounter};

    /// The range test accepts exactly the catalogue's ids.
    #[test]
    fn counter_ids_are_those_of_the_catalogue() {
        for id in 0..=255u8 {
            let tx = TxCounter::ALL.iter().any(|&c| tx_counter_id(c) == id);
            let rx = id == 0xFF || RxCounter::ALL.iter().any(|&c| rx_counter_id(c) == id);
            assert_eq!(counter_ok(id, true), tx, "{id}");
            assert_eq!(counter_ok(id, false), rx, "{id}");
        }
    }
}
