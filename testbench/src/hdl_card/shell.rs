//! The DMA shell around the rust-hdl engine: what a card's PCIe side does, cycle by cycle. It
//! fetches descriptors in blocks and frames from host memory with a PCIe-like read latency and a
//! bounded number of reads in flight, streams frames into the egress port, turns every frame that
//! leaves the egress into a TX completion, holds validated frames from the ingress port until an
//! RX buffer is there, writes them and their completions, and raises the ring interrupts.
//!
//! The ring registers are model's [`Ring`], the one implementation every simulated card answers
//! them with. Host memory never changes under a posted descriptor, so a read takes its bytes
//! when it is issued and hands them over when its latency has passed.

use std::collections::VecDeque;

use macsec_hdl::engine::rx_back::{STATUS_NONE, STATUS_SC_HIT};
use macsec_hdl::engine::sim::{EngineSim, OutFrame};
use macsec_hdl::engine::tx_back::{STATUS_AN_SHIFT, STATUS_DROP};
use macsec_model::card::{Completion, HostMemory, Ring};
use macsec_model::regmap::card as c;
use macsec_model::regmap::rings::{self as rg, DropReason, CPL_NO_SC, MAX_FRAME};
use macsec_model::{FrameBuf, RxCounter, TxCounter};

/// The shell's timing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ShellParams {
    /// Cycles from a DMA read request to its first data (200: 621 ns at 322 MHz, a PCIe read's round trip).
    pub latency: u32,
    /// Frame reads in flight at once (PCIe tags the shell may use).
    pub reads: usize,
    /// Octets per cycle the read link carries (32: 10.3 GB/s at 322 MHz, about PCIe 3.0 x16).
    pub link_octets: u32,
}

impl Default for ShellParams {
    fn default() -> Self {
        ShellParams {
            latency: 200,
            reads: 8,
            link_octets: 32,
        }
    }
}

/// Descriptors fetched per DMA read, at most.
const FETCH_BLOCK: u16 = 16;

/// A descriptor: its ring pointer, address and length (TX) or buffer size (RX).
#[derive(Clone, Copy, Debug)]
struct Desc {
    index: u16,
    addr: u64,
    len: u32,
}

/// One direction's descriptor prefetch: a block read in flight, and the descriptors it brought.
#[derive(Debug, Default)]
struct Prefetch {
    /// The next ring pointer to fetch.
    next: u16,
    /// A block read in flight: the cycle its data arrives, and its descriptors.
    flight: Option<(u64, Vec<Desc>)>,
    ready: VecDeque<Desc>,
}

impl Prefetch {
    /// Issue a block read if the host posted descriptors not fetched yet; take a block whose
    /// latency has passed. Err: the DMA read failed.
    fn step(
        &mut self,
        ring: &Ring,
        now: u64,
        latency: u32,
        mem: &mut dyn HostMemory,
    ) -> Result<(), ()> {
        if self.flight.as_ref().is_some_and(|(t, _)| *t <= now) {
            let (_, d) = self.flight.take().unwrap_or_default();
            self.next = self.next.wrapping_add(d.len() as u16);
            self.ready.extend(d);
        }
        let posted = ring.prod().wrapping_sub(self.next);
        if self.flight.is_some() || posted == 0 || self.ready.len() >= FETCH_BLOCK as usize {
            return Ok(());
        }
        let slot = self.next & (ring.size() - 1);
        let n = posted.min(ring.size() - slot).min(FETCH_BLOCK);
        let mut raw = vec![0u8; 16 * n as usize];
        mem.read(ring.base() + 16 * slot as u64, &mut raw)
            .map_err(|_| ())?;
        let descs = raw
            .chunks_exact(16)
            .enumerate()
            .map(|(i, d)| Desc {
                index: self.next.wrapping_add(i as u16),
                addr: u64::from_le_bytes(d[0..8].try_into().unwrap_or_default()),
                len: u32::from_le_bytes(d[8..12].try_into().unwrap_or_default()),
            })
            .collect();
        self.flight = Some((now + latency as u64, descs));
        Ok(())
    }

    fn busy(&self) -> bool {
        self.flight.is_some()
    }
}

/// A frame read in flight to the egress port.
struct Read {
    ready: u64,
    index: u16,
    data: Vec<u8>,
}

/// The shell's state beside the engine.
pub struct DmaShell {
    pub params: ShellParams,
    pub tx: Ring,
    pub rx: Ring,
    /// CONTROL.ENABLE as last written: frames flow only while set.
    pub enabled: bool,
    tx_fetch: Prefetch,
    reads: VecDeque<Read>,
    /// The cycle from which the read link is free.
    link_free: u64,
    /// Ring pointers of the frames in the egress, in order.
    in_egress: VecDeque<u16>,
    /// Frames in the ingress.
    pub in_ingress: usize,
    rx_fetch: Prefetch,
    /// Validated frames waiting for an RX buffer.
    rx_hold: VecDeque<OutFrame>,
    /// IRQ_STATUS bits to raise on the next cycle.
    pub irq: u32,
    /// Frames the egress sent on the wire.
    pub wire_out: VecDeque<FrameBuf>,
    /// Counts every frame that moves (read, into the engine, out of it, delivered, dropped), so
    /// that a stalled engine is noticed.
    pub moved: u64,
}

impl std::fmt::Debug for DmaShell {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DmaShell")
            .field("params", &self.params)
            .field("enabled", &self.enabled)
            .field("reads", &self.reads.len())
            .field("in_egress", &self.in_egress.len())
            .field("in_ingress", &self.in_ingress)
            .field("rx_hold", &self.rx_hold.len())
            .finish_non_exhaustive()
    }
}

impl DmaShell {
    pub fn new(params: ShellParams) -> DmaShell {
        DmaShell {
            params,
            tx: Ring::default(),
            rx: Ring::default(),
            enabled: false,
            tx_fetch: Prefetch::default(),
            reads: VecDeque::new(),
            link_free: 0,
            in_egress: VecDeque::new(),
            in_ingress: 0,
            rx_fetch: Prefetch::default(),
            rx_hold: VecDeque::new(),
            irq: 0,
            wire_out: VecDeque::new(),
            moved: 0,
        }
    }

    /// CONTROL.RESET: the rings and everything in flight go.
    pub fn reset(&mut self) {
        let moved = self.moved;
        *self = DmaShell::new(self.params);
        self.moved = moved + 1;
    }

    /// A ring was (re-)enabled: its prefetch starts from its consumer pointer.
    pub fn ring_enabled(&mut self, tx: bool) {
        if tx {
            self.tx_fetch = Prefetch {
                next: self.tx.cons(),
                ..Prefetch::default()
            };
        } else {
            self.rx_fetch = Prefetch {
                next: self.rx.cons(),
                ..Prefetch::default()
            };
        }
    }

    fn fail(&mut self, tx: bool, bit: u32) {
        if tx {
            self.tx.fail(bit);
        } else {
            self.rx.fail(bit);
        }
        self.irq |= c::IRQ_RING_ERROR.bit();
    }

    /// Drop the received frame in hand, under its reason.
    fn drop_rx(&mut self, why: DropReason) {
        self.rx.count_drop(why);
        self.irq |= c::IRQ_RX_DROP.bit();
    }

    /// Frames taken from the TX ring and not completed yet.
    fn tx_in_flight(&self) -> usize {
        self.reads.len() + self.in_egress.len()
    }

    /// True while the shell has work it can do without the host.
    pub fn busy(&self, sim: &EngineSim) -> bool {
        let tx_can_start = self.enabled
            && self.tx.active()
            && (self.tx_fetch.busy()
                || (self.tx_fetch.ready.is_empty() && self.tx.prod() != self.tx_fetch.next)
                || (!self.tx_fetch.ready.is_empty()
                    && (self.tx.cpl_room() as usize) > self.tx_in_flight()));
        tx_can_start
            || !self.reads.is_empty()
            || !self.in_egress.is_empty()
            || self.in_ingress > 0
            || sim.ingress_pending() > 0
            || !self.rx_hold.is_empty()
            || (self.rx.active() && self.rx_fetch.busy())
            || self.irq != 0
    }

    /// The work of one cycle before the clock edge: descriptor fetches, frame reads, frames into
    /// the egress port, held frames into RX buffers.
    pub fn before(&mut self, sim: &mut EngineSim, mem: &mut dyn HostMemory) {
        let now = sim.cycles;
        let lat = self.params.latency;
        if self.enabled && self.tx.active() {
            if self.tx_fetch.step(&self.tx, now, lat, mem).is_err() {
                self.fail(true, rg::STATUS_DMA_ERROR.mask());
            } else if self.reads.len() < self.params.reads
                && (self.tx.cpl_room() as usize) > self.tx_in_flight()
            {
                if let Some(d) = self.tx_fetch.ready.pop_front() {
                    self.start_read(d, now, mem);
                }
            }
        }
        while self.reads.front().is_some_and(|r| r.ready <= now) {
            if let Some(r) = self.reads.pop_front() {
                sim.send_egress(&r.data);
                self.in_egress.push_back(r.index);
                self.moved += 1;
            }
        }
        if self.rx.active() && self.rx_fetch.step(&self.rx, now, lat, mem).is_err() {
            self.fail(false, rg::STATUS_DMA_ERROR.mask());
        }
        self.deliver(mem);
    }

    fn start_read(&mut self, d: Desc, now: u64, mem: &mut dyn HostMemory) {
        if d.len == 0 || d.len > MAX_FRAME {
            self.fail(true, rg::STATUS_DESC_ERROR.mask());
            return;
        }
        let mut data = Vec::with_capacity(d.len as usize);
        if mem.read_append(d.addr, d.len as usize, &mut data).is_err() {
            self.fail(true, rg::STATUS_DMA_ERROR.mask());
            return;
        }
        let start = (now + self.params.latency as u64).max(self.link_free);
        let done = start + (d.len.div_ceil(self.params.link_octets.max(1))) as u64;
        self.link_free = done;
        self.moved += 1;
        self.reads.push_back(Read {
            ready: done,
            index: d.index,
            data,
        });
    }

    /// What left the engine's ports on the last cycle: TX completions and the wire, validated
    /// frames to hold for a buffer.
    pub fn after(&mut self, sim: &mut EngineSim, mem: &mut dyn HostMemory) {
        while let Some(o) = sim.egress_out() {
            self.moved += 1;
            // A frame the shell did not put in (one from before a reset) has no descriptor.
            let Some(index) = self.in_egress.pop_front() else {
                continue;
            };
            let counter = TxCounter::ALL
                .get((o.status & 0xF) as usize)
                .copied()
                .unwrap_or(TxCounter::NoSA);
            let passed = o.status & STATUS_DROP == 0;
            let protected = matches!(counter, TxCounter::Protected | TxCounter::Encrypted);
            let cpl = Completion {
                index,
                len: if passed { o.data.len() as u16 } else { 0 },
                counter: macsec_model::card::tx_counter_id(counter),
                an: if protected {
                    ((o.status >> STATUS_AN_SHIFT) & 3) as u8
                } else {
                    0xFF
                },
                sc: CPL_NO_SC,
                pn: o.pn,
                passed,
            };
            if self.tx.complete(mem, &cpl).is_err() {
                self.fail(true, rg::STATUS_DMA_ERROR.mask());
            } else {
                self.tx.count_frame();
            }
            self.tx.advance();
            self.irq |= c::IRQ_TX_CPL.bit();
            if passed {
                let mut b = FrameBuf::with_capacity(o.data.len());
                b.set(&o.data);
                self.wire_out.push_back(b);
            }
        }
        while let Some(o) = sim.ingress_out() {
            self.in_ingress = self.in_ingress.saturating_sub(1);
            self.moved += 1;
            if o.status & STATUS_DROP == 0 {
                self.rx_hold.push_back(o);
            }
        }
        self.deliver(mem);
    }

    /// Write held frames into RX buffers; drop those that can have none, each under its
    /// reason (the same reasons, in the same order, as the behavioral card).
    fn deliver(&mut self, mem: &mut dyn HostMemory) {
        while !self.rx_hold.is_empty() {
            self.moved += 1;
            let fetched = self.rx_fetch.ready.front().copied();
            // The ring decides, as on the behavioral card: a buffer is posted while PROD_PTR is
            // past CONS_PTR, whether or not the shell has fetched its descriptor yet.
            if let Some(why) = self.rx.cannot_deliver() {
                self.rx_hold.pop_front();
                self.drop_rx(why);
                continue;
            }
            // Posted but still being fetched: the frame waits for its buffer.
            let Some(d) = fetched else { return };
            if d.len == 0 || d.len > MAX_FRAME {
                self.rx_hold.pop_front();
                self.fail(false, rg::STATUS_DESC_ERROR.mask());
                self.drop_rx(DropReason::RingError);
                continue;
            }
            let Some(o) = self.rx_hold.pop_front() else {
                return;
            };
            if o.data.len() > d.len as usize {
                // Too long for the buffer: a drop, and the buffer stays for the next frame.
                self.drop_rx(DropReason::TooLong);
                continue;
            }
            self.rx_fetch.ready.pop_front();
            if mem.write(d.addr, &o.data).is_err() {
                self.fail(false, rg::STATUS_DMA_ERROR.mask());
                self.drop_rx(DropReason::RingError);
                continue;
            }
            let cpl = rx_completion(d.index, &o);
            if self.rx.complete(mem, &cpl).is_err() {
                self.fail(false, rg::STATUS_DMA_ERROR.mask());
                self.drop_rx(DropReason::RingError);
                continue;
            }
            self.rx.advance();
            self.rx.count_frame();
            self.irq |= c::IRQ_RX_CPL.bit();
        }
    }

    /// Write back completions still queued (at the end of a run of work).
    pub fn flush(&mut self, mem: &mut dyn HostMemory) {
        if self.tx.flush(mem).is_err() {
            self.fail(true, rg::STATUS_DMA_ERROR.mask());
        }
        if self.rx.flush(mem).is_err() {
            self.fail(false, rg::STATUS_DMA_ERROR.mask());
        }
    }
}

/// The completion of a delivered frame, from its status word and PN.
fn rx_completion(index: u16, o: &OutFrame) -> Completion {
    let code = o.status & 0xF;
    let counter = (code != STATUS_NONE)
        .then(|| RxCounter::ALL.get(code as usize).copied())
        .flatten();
    // A delivered frame that had a SecTAG reports its AN (the golden model's rule).
    let tagged = counter.is_some_and(|c| {
        !matches!(
            c,
            RxCounter::Untagged | RxCounter::NoTag | RxCounter::BadTag
        )
    });
    Completion {
        index,
        len: o.data.len() as u16,
        counter: counter.map_or(0xFF, macsec_model::card::rx_counter_id),
        an: if tagged {
            ((o.status >> STATUS_AN_SHIFT) & 3) as u8
        } else {
            0xFF
        },
        sc: if o.status & STATUS_SC_HIT != 0 {
            ((o.status >> 4) & 0xF) as u16
        } else {
            CPL_NO_SC
        },
        pn: o.pn,
        passed: true,
    }
}
