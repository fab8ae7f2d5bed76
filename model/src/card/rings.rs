//! The descriptor rings: Corundum semantics (free-running 16-bit pointers, a doorbell per batch,
//! completions with a phase bit), and the frame path between them and the SecY.

use crate::framebuf::FrameBuf;
use crate::regmap::rings::{self as rg, tx as reg, DropReason};
use crate::regmap::{card as c, secy as s};
use crate::secy::{TxCounter, TxResult};

use super::regs::{rx_counter_id, tx_counter_id};
use super::{BehavioralCard, DmaFault, HostMemory};

/// One ring's registers and state (offsets relative to the ring block; TX and RX share them).
/// Public so that every simulated card answers the ring registers with this one implementation:
/// the rust-hdl card's DMA shell holds two of them.
#[derive(Clone, Debug, Default)]
pub struct Ring {
    base: u64,
    log_size: u32,
    enable: bool,
    status: u32,
    prod: u16,
    cons: u16,
    cpl_base: u64,
    cpl_log_size: u32,
    cpl_prod: u16,
    cpl_cons: u16,
    /// DROPS (their sum), FRAMES, and one counter per [`DropReason`].
    drops: u32,
    frames: u32,
    dropped: [u32; DropReason::ALL.len()],
    /// Descriptors fetched ahead (as a DMA engine fetches a block): the first one's ring
    /// pointer, how many, and their bytes.
    desc_first: u16,
    desc_n: u16,
    desc_cache: Vec<u8>,
    /// Completion entries written back in one go at the end of a run of work, and how many.
    pending: CplBlock,
    pending_n: u16,
}

/// Descriptors fetched per DMA read, and completions written per DMA write, at most.
const BLOCK: u16 = 16;

const fn rel(r: crate::regmap::Register) -> u32 {
    r.offset - reg::BASE
}

const ERRORS: u32 = rg::STATUS_DMA_ERROR.mask()
    | rg::STATUS_DESC_ERROR.mask()
    | rg::STATUS_CONFIG_ERROR.mask()
    | rg::STATUS_PTR_ERROR.mask();

/// Completion entries queued for one write-back: a fixed block, filled in place.
#[derive(Clone, Debug)]
struct CplBlock(Box<[u8; 32 * BLOCK as usize]>);

impl Default for CplBlock {
    fn default() -> CplBlock {
        CplBlock(Box::new([0; 32 * BLOCK as usize]))
    }
}

impl Ring {
    /// The STATUS error bits set.
    pub fn errors(&self) -> u32 {
        self.status & ERRORS
    }

    /// Enabled and not stopped by an error.
    pub fn active(&self) -> bool {
        self.enable && self.status & ERRORS == 0
    }

    /// The descriptor ring's IOVA.
    pub fn base(&self) -> u64 {
        self.base
    }

    /// The host's producer pointer (the last doorbell).
    pub fn prod(&self) -> u16 {
        self.prod
    }

    /// The card's consumer pointer.
    pub fn cons(&self) -> u16 {
        self.cons
    }

    /// The descriptor at the consumer pointer is done with: move past it.
    pub fn advance(&mut self) {
        self.cons = self.cons.wrapping_add(1);
    }

    /// Free completion slots, counting the completions queued but not yet written.
    pub fn cpl_room(&self) -> u16 {
        let used = self
            .cpl_prod
            .wrapping_add(self.pending_n)
            .wrapping_sub(self.cpl_cons);
        self.cpl_size().saturating_sub(used)
    }

    /// Count a received frame the DMA side dropped, under its reason (saturating).
    pub fn count_drop(&mut self, why: DropReason) {
        self.drops = self.drops.saturating_add(1);
        self.dropped[why as usize] = self.dropped[why as usize].saturating_add(1);
    }

    /// Count a descriptor completed (TX) or a frame delivered into a host buffer (RX).
    pub fn count_frame(&mut self) {
        self.frames = self.frames.saturating_add(1);
    }

    /// Why a frame the SecY delivered cannot be written now, if it cannot: the ring is stopped,
    /// no buffer is posted, or no completion slot is free (checked in that order).
    pub fn cannot_deliver(&self) -> Option<DropReason> {
        if !self.active() {
            Some(DropReason::Stopped)
        } else if !self.has_descriptor() {
            Some(DropReason::NoBuffer)
        } else if !self.has_cpl_slot() {
            Some(DropReason::NoCompletion)
        } else {
            None
        }
    }

    pub fn read(&self, off: u32) -> u32 {
        match off {
            x if x == rel(reg::BASE_LO) => self.base as u32,
            x if x == rel(reg::BASE_HI) => (self.base >> 32) as u32,
            x if x == rel(reg::LOG_SIZE) => self.log_size,
            x if x == rel(reg::CTRL) => rg::CTRL_ENABLE.val(self.enable as u32),
            x if x == rel(reg::STATUS) => self.status | rg::STATUS_ACTIVE.val(self.active() as u32),
            x if x == rel(reg::PROD_PTR) => self.prod as u32,
            x if x == rel(reg::CONS_PTR) => self.cons as u32,
            x if x == rel(reg::CPL_BASE_LO) => self.cpl_base as u32,
            x if x == rel(reg::CPL_BASE_HI) => (self.cpl_base >> 32) as u32,
            x if x == rel(reg::CPL_LOG_SIZE) => self.cpl_log_size,
            x if x == rel(reg::CPL_PROD_PTR) => self.cpl_prod as u32,
            x if x == rel(reg::CPL_CONS_PTR) => self.cpl_cons as u32,
            x if x == rel(reg::DROPS) => self.drops,
            x if x == rel(reg::FRAMES) => self.frames,
            x => DropReason::ALL
                .iter()
                .position(|r| r.register().offset - rg::rx::BASE == x)
                .map_or(0, |i| self.dropped[i]),
        }
    }

    /// Base and sizes usable: both sizes 1..=15 (log2) and both bases aligned.
    fn config_ok(&self) -> bool {
        (1..=rg::MAX_LOG_SIZE).contains(&self.log_size)
            && (1..=rg::MAX_LOG_SIZE).contains(&self.cpl_log_size)
            && self.base % 16 == 0
            && self.cpl_base % 32 == 0
    }

    /// The host's pointers are possible: it has posted at most a ring of descriptors past the
    /// card's consumer pointer, and consumed no completion the card has not written.
    fn pointers_ok(&self) -> bool {
        self.prod.wrapping_sub(self.cons) <= self.size()
            && self.cpl_prod.wrapping_sub(self.cpl_cons) <= self.cpl_size()
    }

    /// Check what a ring needs to run, as it is about to run (enabled, or its errors cleared):
    /// a ring that fails stays stopped with the error that says why.
    fn check(&mut self) {
        if !self.config_ok() {
            self.status |= rg::STATUS_CONFIG_ERROR.mask();
        } else if !self.pointers_ok() {
            self.status |= rg::STATUS_PTR_ERROR.mask();
        }
    }

    /// A register write; true if it made the ring active (a card that fetches ahead starts
    /// again from the consumer pointer).
    pub fn write(&mut self, off: u32, v: u32) -> bool {
        let was = self.active();
        let idle = !self.enable;
        match off {
            x if x == rel(reg::BASE_LO) && idle => {
                self.base = (self.base & !0xFFFF_FFFF) | v as u64
            }
            x if x == rel(reg::BASE_HI) && idle => {
                self.base = (self.base & 0xFFFF_FFFF) | (v as u64) << 32
            }
            x if x == rel(reg::LOG_SIZE) && idle => self.log_size = v & 0x1F,
            x if x == rel(reg::CPL_BASE_LO) && idle => {
                self.cpl_base = (self.cpl_base & !0xFFFF_FFFF) | v as u64
            }
            x if x == rel(reg::CPL_BASE_HI) && idle => {
                self.cpl_base = (self.cpl_base & 0xFFFF_FFFF) | (v as u64) << 32
            }
            x if x == rel(reg::CPL_LOG_SIZE) && idle => self.cpl_log_size = v & 0x1F,
            x if x == rel(reg::CTRL) => {
                let on = rg::CTRL_ENABLE.get(v) != 0;
                let start = on && !self.enable;
                self.enable = on;
                if start {
                    self.check();
                }
            }
            x if x == rel(reg::STATUS) => {
                let cleared = self.status & v & ERRORS != 0;
                self.status &= !(v & ERRORS);
                if cleared && self.enable {
                    self.check();
                }
            }
            x if x == rel(reg::PROD_PTR) || x == rel(reg::CPL_CONS_PTR) => {
                if x == rel(reg::PROD_PTR) {
                    self.prod = v as u16;
                } else {
                    self.cpl_cons = v as u16;
                }
                if self.enable && !self.pointers_ok() {
                    self.status |= rg::STATUS_PTR_ERROR.mask();
                }
            }
            _ => {}
        }
        let now = self.active();
        if now && !was {
            // Nothing fetched or queued before the ring stopped is trusted again.
            self.desc_n = 0;
            self.pending_n = 0;
        }
        now && !was
    }

    /// Descriptors in the ring. A ring runs only with a size it checked (1..=2^15); the clamp
    /// keeps the arithmetic defined whatever LOG_SIZE holds.
    pub fn size(&self) -> u16 {
        1 << self.log_size.clamp(1, rg::MAX_LOG_SIZE)
    }

    /// Entries in the completion ring (as [`Ring::size`]).
    fn cpl_size(&self) -> u16 {
        1 << self.cpl_log_size.clamp(1, rg::MAX_LOG_SIZE)
    }

    fn has_descriptor(&self) -> bool {
        self.prod != self.cons
    }

    fn has_cpl_slot(&self) -> bool {
        self.cpl_prod
            .wrapping_add(self.pending_n)
            .wrapping_sub(self.cpl_cons)
            < self.cpl_size()
    }

    /// The descriptor at the consumer pointer: (address, length), fetched in blocks.
    #[inline]
    fn descriptor(&mut self, mem: &mut dyn HostMemory) -> Result<(u64, u32), DmaFault> {
        let mut at = self.cons.wrapping_sub(self.desc_first);
        if at >= self.desc_n {
            self.fetch_descriptors(mem)?;
            at = 0;
        }
        let d = &self.desc_cache[16 * at as usize..16 * at as usize + 16];
        let addr = u64::from_le_bytes([d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]]);
        let len = u32::from_le_bytes([d[8], d[9], d[10], d[11]]);
        Ok((addr, len))
    }

    /// Fetch the descriptors from the consumer pointer on: a block, or up to the producer
    /// pointer or the ring's end if nearer.
    #[cold]
    fn fetch_descriptors(&mut self, mem: &mut dyn HostMemory) -> Result<(), DmaFault> {
        let slot = self.cons & (self.size() - 1);
        let n = self
            .prod
            .wrapping_sub(self.cons)
            .min(self.size() - slot)
            .min(BLOCK);
        self.desc_cache.resize(16 * n as usize, 0);
        mem.read(self.base + 16 * slot as u64, &mut self.desc_cache)?;
        self.desc_first = self.cons;
        self.desc_n = n;
        Ok(())
    }

    /// Queue a completion for the next completion slot; the queue is written back by
    /// [`Ring::flush`], and before it would wrap the ring or grow past a block. Inlined into the
    /// frame loop so the entry is encoded from registers: read back from a struct stored field
    /// by field, it stalled store forwarding.
    #[inline]
    pub fn complete(&mut self, mem: &mut dyn HostMemory, cpl: &Completion) -> Result<(), DmaFault> {
        let size = self.cpl_size();
        let mut ptr = self.cpl_prod.wrapping_add(self.pending_n);
        if self.pending_n != 0 && (ptr & (size - 1) == 0 || self.pending_n >= BLOCK) {
            self.flush(mem)?;
            ptr = self.cpl_prod;
        }
        let at = 32 * self.pending_n as usize;
        self.pending.0[at..at + 32].copy_from_slice(&cpl.encode(ptr & size == 0));
        self.pending_n += 1;
        Ok(())
    }

    /// Write the queued completions and advance the completion producer pointer past them.
    #[cold]
    pub fn flush(&mut self, mem: &mut dyn HostMemory) -> Result<(), DmaFault> {
        let n = self.pending_n;
        if n == 0 {
            return Ok(());
        }
        let size = self.cpl_size();
        let slot = (self.cpl_prod & (size - 1)) as u64;
        self.pending_n = 0;
        mem.write(
            self.cpl_base + 32 * slot,
            &self.pending.0[..32 * n as usize],
        )?;
        self.cpl_prod = self.cpl_prod.wrapping_add(n);
        Ok(())
    }

    /// Stop the ring with the STATUS error `bit`.
    pub fn fail(&mut self, bit: u32) {
        self.status |= bit;
    }
}

/// A DMA access that failed stops the ring with STATUS.DMA_ERROR.
fn dma(_: DmaFault) -> u32 {
    rg::STATUS_DMA_ERROR.mask()
}

/// One completion entry, as [`crate::regmap::rings::COMPLETION`] lays it out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Completion {
    /// Ring pointer of the descriptor this completes.
    pub index: u16,
    pub len: u16,
    /// Counter catalogue id (SecY scope), 0xFF if none.
    pub counter: u8,
    /// 0xFF if none.
    pub an: u8,
    /// Receive SC slot, [`rg::CPL_NO_SC`] if none.
    pub sc: u16,
    pub pn: u64,
    /// Transmitted (TX) or delivered (RX).
    pub passed: bool,
}

impl Completion {
    /// The entry's 32 octets; `phase` is the phase bit of the slot it goes to.
    #[inline]
    pub fn encode(&self, phase: bool) -> [u8; 32] {
        let mut e = [0u8; 32];
        e[0..2].copy_from_slice(&self.index.to_le_bytes());
        e[2..4].copy_from_slice(&self.len.to_le_bytes());
        e[4] = self.counter;
        e[5] = self.an;
        e[6..8].copy_from_slice(&self.sc.to_le_bytes());
        e[8..16].copy_from_slice(&self.pn.to_le_bytes());
        e[16..20].copy_from_slice(&(self.passed as u32).to_le_bytes());
        let phase = if phase { rg::PHASE_BIT } else { 0 };
        e[28..32].copy_from_slice(&phase.to_le_bytes());
        e
    }
}

impl BehavioralCard {
    /// Protect one frame from the TX ring, if there is one to take; true if it did.
    pub(super) fn run_tx(&mut self, mem: &mut dyn HostMemory) -> bool {
        if !self.enabled
            || !self.tx.active()
            || !self.tx.has_descriptor()
            || !self.tx.has_cpl_slot()
        {
            return false;
        }
        match self.tx_one(mem) {
            Ok(()) => {}
            Err(bit) => {
                self.tx.fail(bit);
                self.raise(c::IRQ_RING_ERROR.bit());
            }
        }
        true
    }

    fn tx_one(&mut self, mem: &mut dyn HostMemory) -> Result<(), u32> {
        let (addr, len) = self.tx.descriptor(mem).map_err(dma)?;
        if len == 0 || len > rg::MAX_FRAME {
            return Err(rg::STATUS_DESC_ERROR.mask());
        }
        // The frame comes from host memory straight into a buffer at the tail of the wire queue
        // and is protected where it lies; it is taken back if it does not leave. It never moves
        // once written: copying a buffer whose fields were just stored one by one stalls store
        // forwarding, a cost per frame.
        let r = self.protect_tail(mem, addr, len);
        let passed = r.as_ref().is_ok_and(|(r, _)| r.counter.transmits());
        if !passed {
            if let Some(b) = self.wire_out.pop_back() {
                self.spare.push(b);
            }
        }
        let (r, frame_len) = r?;
        if let Some(ev) = r.event {
            use crate::secy::PnEvent;
            match ev {
                PnEvent::Threshold { an } => {
                    self.tx_sa_threshold |= 1 << an;
                    self.raise(c::IRQ_PN_THRESHOLD.bit());
                }
                PnEvent::Exhausted { an } => {
                    self.tx_sa_exhausted |= 1 << an;
                    self.raise(c::IRQ_PN_EXHAUSTED.bit());
                }
            }
        }
        let protected = matches!(r.counter, TxCounter::Protected | TxCounter::Encrypted);
        let cpl = Completion {
            index: self.tx.cons,
            len: if passed { frame_len as u16 } else { 0 },
            counter: tx_counter_id(r.counter),
            an: if protected { r.an } else { 0xFF },
            sc: rg::CPL_NO_SC,
            pn: r.pn,
            passed,
        };
        if let Err(e) = self.tx.complete(mem, &cpl) {
            // No completion, no frame on the wire.
            if passed {
                if let Some(b) = self.wire_out.pop_back() {
                    self.spare.push(b);
                }
            }
            return Err(dma(e));
        }
        self.tx.cons = self.tx.cons.wrapping_add(1);
        self.tx.count_frame();
        self.raise(c::IRQ_TX_CPL.bit());
        Ok(())
    }

    /// Queue a buffer at the wire queue's tail, read the frame at `addr` into it and protect it
    /// there; the result and the protected frame's length.
    fn protect_tail(
        &mut self,
        mem: &mut dyn HostMemory,
        addr: u64,
        len: u32,
    ) -> Result<(TxResult, usize), u32> {
        let spare = self
            .spare
            .pop()
            .unwrap_or_else(|| FrameBuf::with_capacity(len as usize));
        self.wire_out.push_back(spare);
        let tail = self.wire_out.len() - 1;
        let buf = &mut self.wire_out[tail];
        buf.fill(|v| mem.read_append(addr, len as usize, v))
            .map_err(dma)?;
        // AN switchover armed by the host: taken before this frame.
        if s::TX_AN_ARMED.get(self.tx_an) != 0 {
            let _ = self
                .secy
                .set_encoding_sa(s::TX_AN_NEXT.get(self.tx_an) as u8);
            self.tx_an &= !s::TX_AN_ARMED.mask();
        }
        let r = self.secy.protect(buf);
        Ok((r, buf.len()))
    }

    /// Validate one frame from the wire, if one is waiting; true if it did.
    pub(super) fn run_rx(&mut self, mem: &mut dyn HostMemory) -> bool {
        let Some(frame) = self.wire_in.pop_front() else {
            return false;
        };
        if !self.enabled {
            self.drop_rx(frame);
            return true;
        }
        let old = std::mem::replace(&mut self.buf, frame);
        self.spare.push(old);
        let r = self.secy.validate(&mut self.buf);
        if !r.delivered() {
            return true;
        }
        if let Some(why) = self.rx.cannot_deliver() {
            self.rx.count_drop(why);
            self.raise(c::IRQ_RX_DROP.bit());
            return true;
        }
        let result = (|| -> Result<(), u32> {
            let (addr, cap) = self.rx.descriptor(mem).map_err(dma)?;
            if cap == 0 || cap > rg::MAX_FRAME {
                return Err(rg::STATUS_DESC_ERROR.mask());
            }
            if self.buf.len() > cap as usize {
                return Err(0);
            }
            mem.write(addr, self.buf.as_slice()).map_err(dma)?;
            let slot = r.sc.and_then(|i| {
                let sci = self.secy.rx_scs()[i].sci;
                self.rx_sc
                    .iter()
                    .position(|s| s.is_some_and(|s| s.sci == sci))
            });
            let cpl = Completion {
                index: self.rx.cons,
                len: self.buf.len() as u16,
                counter: r.counter.map_or(0xFF, rx_counter_id),
                an: r.an.unwrap_or(0xFF),
                sc: slot.map_or(rg::CPL_NO_SC, |s| s as u16),
                pn: r.pn.unwrap_or(0),
                passed: true,
            };
            self.rx.complete(mem, &cpl).map_err(dma)?;
            self.rx.cons = self.rx.cons.wrapping_add(1);
            Ok(())
        })();
        match result {
            Ok(()) => {
                self.rx.count_frame();
                self.raise(c::IRQ_RX_CPL.bit())
            }
            // Too long for the buffer: a drop, not a ring failure.
            Err(0) => {
                self.rx.count_drop(DropReason::TooLong);
                self.raise(c::IRQ_RX_DROP.bit());
            }
            Err(bit) => {
                self.rx.fail(bit);
                self.raise(c::IRQ_RING_ERROR.bit() | c::IRQ_RX_DROP.bit());
                self.rx.count_drop(DropReason::RingError);
            }
        }
        true
    }

    /// Write back the completions queued during a run of work.
    pub(super) fn flush_completions(&mut self, mem: &mut dyn HostMemory) {
        for tx in [true, false] {
            let ring = if tx { &mut self.tx } else { &mut self.rx };
            if ring.flush(mem).is_err() {
                ring.fail(rg::STATUS_DMA_ERROR.mask());
                self.raise(c::IRQ_RING_ERROR.bit());
            }
        }
    }

    fn drop_rx(&mut self, frame: FrameBuf) {
        self.rx.count_drop(DropReason::Disabled);
        self.raise(c::IRQ_RX_DROP.bit());
        self.spare.push(frame);
    }
}
