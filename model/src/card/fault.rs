//! Fault injection around any simulated card: the faults a driver must survive without hanging
//! or panicking.

use crate::framebuf::FrameBuf;
use crate::regmap::rings;
use crate::regmap::tables::window as tw;

use super::{CardModel, DmaFault, HostMemory};

/// A fault to inject.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// The table window's BUSY never clears.
    StuckBusy,
    /// Every register reads all-ones, as after a surprise removal.
    AllOnes,
    /// Every DMA access fails.
    DmaError,
    /// Completions are written with the wrong phase bit.
    BadPhase,
    /// After each block of completions, one more for the next descriptor, posted or not (a
    /// card that completes what the host never gave it).
    ExtraCompletion,
    /// Completions claim a length of 65535 octets.
    HugeLength,
}

impl Fault {
    /// Every fault, in the order of the served card's test BAR (`regmap::test_bar::FAULT_BITS`).
    pub const ALL: [Fault; 6] = [
        Fault::StuckBusy,
        Fault::AllOnes,
        Fault::DmaError,
        Fault::BadPhase,
        Fault::ExtraCompletion,
        Fault::HugeLength,
    ];
}

/// A card with faults switched on and off at will.
pub struct FaultyCard<C: CardModel> {
    pub inner: C,
    pub faults: Vec<Fault>,
}

impl<C: CardModel> std::fmt::Debug for FaultyCard<C> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FaultyCard")
            .field("faults", &self.faults)
            .finish_non_exhaustive()
    }
}

impl<C: CardModel> FaultyCard<C> {
    pub fn new(inner: C) -> Self {
        FaultyCard {
            inner,
            faults: Vec::new(),
        }
    }

    fn has(&self, f: Fault) -> bool {
        self.faults.contains(&f)
    }

    /// The completion rings' address ranges, read from the inner card's registers.
    fn cpl_ranges(&mut self) -> [(u64, u64); 2] {
        let mut out = [(0, 0); 2];
        for (i, base) in [rings::tx::BASE, rings::rx::BASE].into_iter().enumerate() {
            let lo = self
                .inner
                .read32(base + (rings::tx::CPL_BASE_LO.offset - rings::tx::BASE));
            let hi = self
                .inner
                .read32(base + (rings::tx::CPL_BASE_HI.offset - rings::tx::BASE));
            let log = self
                .inner
                .read32(base + (rings::tx::CPL_LOG_SIZE.offset - rings::tx::BASE));
            let start = (hi as u64) << 32 | lo as u64;
            out[i] = (start, start + 32 * (1u64 << log.min(15)));
        }
        out
    }
}

/// Host memory seen through the faults.
struct FaultyMemory<'a> {
    mem: &'a mut dyn HostMemory,
    dma_error: bool,
    /// The completion rings, when a fault rewrites completions.
    cpl: Option<[(u64, u64); 2]>,
    bad_phase: bool,
    extra: bool,
    huge: bool,
}

impl HostMemory for FaultyMemory<'_> {
    fn read(&mut self, iova: u64, buf: &mut [u8]) -> Result<(), DmaFault> {
        if self.dma_error {
            return Err(DmaFault {
                iova,
                len: buf.len(),
            });
        }
        self.mem.read(iova, buf)
    }

    fn read_append(&mut self, iova: u64, len: usize, out: &mut Vec<u8>) -> Result<(), DmaFault> {
        if self.dma_error {
            return Err(DmaFault { iova, len });
        }
        self.mem.read_append(iova, len, out)
    }

    fn write(&mut self, iova: u64, data: &[u8]) -> Result<(), DmaFault> {
        if self.dma_error {
            return Err(DmaFault {
                iova,
                len: data.len(),
            });
        }
        let ring = self.cpl.and_then(|r| {
            r.into_iter()
                .find(|&(a, b)| data.len() % 32 == 0 && iova >= a && iova < b)
        });
        let Some((_, end)) = ring else {
            return self.mem.write(iova, data);
        };
        let mut e = data.to_vec();
        if self.bad_phase {
            e.chunks_exact_mut(32).for_each(|c| c[31] ^= 0x80);
        }
        if self.huge {
            e.chunks_exact_mut(32)
                .for_each(|c| c[2..4].copy_from_slice(&[0xFF, 0xFF]));
        }
        let next = iova + e.len() as u64;
        if self.extra && next + 32 <= end && e.len() >= 32 {
            // The last entry again, for the descriptor after it, in the slot after it.
            let mut more = e[e.len() - 32..].to_vec();
            let index = u16::from_le_bytes([more[0], more[1]]).wrapping_add(1);
            more[0..2].copy_from_slice(&index.to_le_bytes());
            e.extend_from_slice(&more);
        }
        self.mem.write(iova, &e)
    }
}

impl<C: CardModel> CardModel for FaultyCard<C> {
    fn read32(&mut self, offset: u32) -> u32 {
        if self.has(Fault::AllOnes) {
            return u32::MAX;
        }
        let v = self.inner.read32(offset);
        if offset == tw::STATUS.offset && self.has(Fault::StuckBusy) {
            return v | tw::STATUS_BUSY.bit();
        }
        v
    }

    fn write32(&mut self, offset: u32, value: u32) {
        if !self.has(Fault::AllOnes) {
            self.inner.write32(offset, value);
        }
    }

    fn run(&mut self, mem: &mut dyn HostMemory) -> bool {
        let rewrite = [Fault::BadPhase, Fault::ExtraCompletion, Fault::HugeLength];
        let cpl = rewrite
            .iter()
            .any(|&f| self.has(f))
            .then(|| self.cpl_ranges());
        let mut m = FaultyMemory {
            mem,
            dma_error: self.has(Fault::DmaError),
            cpl,
            bad_phase: self.has(Fault::BadPhase),
            extra: self.has(Fault::ExtraCompletion),
            huge: self.has(Fault::HugeLength),
        };
        self.inner.run(&mut m)
    }

    fn wire_in(&mut self, frame: &[u8]) {
        self.inner.wire_in(frame)
    }

    fn wire_out(&mut self) -> Option<FrameBuf> {
        self.inner.wire_out()
    }

    fn recycle(&mut self, buf: FrameBuf) {
        self.inner.recycle(buf)
    }

    fn drain_wire(&mut self, f: &mut dyn FnMut(&[u8])) {
        self.inner.drain_wire(f)
    }

    fn irq(&self) -> bool {
        self.inner.irq()
    }

    fn take_message(&mut self) -> bool {
        self.inner.take_message()
    }
}
