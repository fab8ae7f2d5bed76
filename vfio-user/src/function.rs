//! A simulated card as a PCI function: the card model on a thread of its own, its config
//! space, its DMA into the client's memory and its MSI-X vector on the client's eventfd. The
//! server's socket thread only reads and writes registers; frames, completions and messages
//! happen on the card's thread meanwhile, as on hardware.

use std::collections::VecDeque;
use std::fs::File;
use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::Duration;

use macsec_model::card::{CardModel, FaultyCard};
use macsec_model::regmap::{card as c, pci, test_bar as tb, BAR0_SIZE};

use crate::config::{self, ConfigSpace};
use crate::dma::DmaMaps;

/// Frames kept for the side channel when the wire leads nowhere; older ones are dropped
/// (and counted).
const CAPTURE_LIMIT: usize = 4096;

/// Faults the side channel can switch on, as hardware shows them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Faults {
    /// The card stops answering: BAR reads return all-ones, writes are lost (surprise removal).
    pub gone: bool,
    /// The next MSI-X messages are lost on the way (this many).
    pub lose_messages: u32,
}

/// What the function has done, for reports and tests.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FunctionStats {
    pub messages_sent: u64,
    pub messages_lost: u64,
    pub dma_refused: u64,
    pub resets: u64,
    pub wire_out: u64,
    pub wire_dropped: u64,
}

pub(crate) struct State {
    pub(crate) card: FaultyCard<Box<dyn CardModel>>,
    pub(crate) config: ConfigSpace,
    pub(crate) dma: DmaMaps,
    pub(crate) msix_table: [u8; 16 * pci::MSIX_VECTORS as usize],
    /// The client's eventfd per vector.
    pub(crate) irq_fds: Vec<Option<File>>,
    pub(crate) irq_masked: Vec<bool>,
    /// A message the card sent that could not go out yet (PBA).
    pub(crate) pending: bool,
    pub(crate) wire_in: VecDeque<Vec<u8>>,
    /// Frames the card sent, when no peer takes them.
    pub(crate) capture: VecDeque<Vec<u8>>,
    pub(crate) faults: Faults,
    pub(crate) stats: FunctionStats,
    /// The test BAR's WIRE_CAPTURE: sent frames are held for the harness, not given to the peer.
    pub(crate) wire_capture: bool,
    /// The test BAR's IDLE.
    pub(crate) idle: bool,
    /// The test BAR's FRAME window.
    pub(crate) frame: Vec<u8>,
    /// The test BAR's DMA buffer IOVA.
    pub(crate) test_dma: u64,
}

impl State {
    /// The card's message, if it sent one, out on vector 0, or held while it cannot go.
    fn deliver(&mut self) {
        if self.card.take_message() {
            self.pending = true;
        }
        let can = self.dma.bus_master
            && self.config.msix_control() & config::MSIX_CTRL_MASK_ALL == 0
            && !self.irq_masked[0];
        if !(self.pending && can) {
            return;
        }
        if let Some(fd) = self.irq_fds[0].as_mut() {
            self.pending = false;
            if self.faults.lose_messages > 0 {
                self.faults.lose_messages -= 1;
                self.stats.messages_lost += 1;
            } else if fd.write_all(&1u64.to_le_bytes()).is_ok() {
                self.stats.messages_sent += 1;
            }
        }
    }

    /// Function Level Reset or a device reset: the card reset as CONTROL.RESET does (keys
    /// wiped), config space back to its reset state (Bus Master and MSI-X off).
    fn reset(&mut self) {
        self.card.write32(c::CONTROL.offset, c::CONTROL_RESET.bit());
        for _ in 0..100_000 {
            if self.card.read32(c::CONTROL.offset) & c::CONTROL_RESET.bit() == 0 {
                break;
            }
        }
        self.config = ConfigSpace::new();
        self.dma.bus_master = false;
        self.msix_table = [0; 16 * pci::MSIX_VECTORS as usize];
        self.pending = false;
        self.card.take_message();
        self.stats.resets += 1;
    }
}

pub(crate) struct Shared {
    state: Mutex<State>,
    wake: Condvar,
    stop: AtomicBool,
}

fn lock(m: &Mutex<State>) -> MutexGuard<'_, State> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// A served card.
pub struct Function {
    shared: Arc<Shared>,
    peer: Arc<Mutex<Option<Arc<Shared>>>>,
    thread: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for Function {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Function").finish_non_exhaustive()
    }
}

/// Region access outcome errors (the server answers them with an errno).
#[derive(Clone, Debug, thiserror::Error, PartialEq, Eq)]
pub enum AccessError {
    #[error("region {0} does not exist")]
    NoRegion(u32),
    #[error("{count} octets at {offset:#x} of region {region}: outside it or not a 32-bit access")]
    Range {
        region: u32,
        offset: u64,
        count: usize,
    },
}

impl Function {
    /// Start `card` on its own thread.
    pub fn new(card: Box<dyn CardModel>) -> Function {
        let shared = Arc::new(Shared {
            state: Mutex::new(State {
                card: FaultyCard::new(card),
                config: ConfigSpace::new(),
                dma: DmaMaps::default(),
                msix_table: [0; 16 * pci::MSIX_VECTORS as usize],
                irq_fds: (0..pci::MSIX_VECTORS).map(|_| None).collect(),
                irq_masked: vec![false; pci::MSIX_VECTORS as usize],
                pending: false,
                wire_in: VecDeque::new(),
                capture: VecDeque::new(),
                faults: Faults::default(),
                stats: FunctionStats::default(),
                wire_capture: false,
                idle: false,
                frame: vec![0; tb::FRAME_SIZE as usize],
                test_dma: 0,
            }),
            wake: Condvar::new(),
            stop: AtomicBool::new(false),
        });
        let peer: Arc<Mutex<Option<Arc<Shared>>>> = Arc::default();
        let (s, p) = (shared.clone(), peer.clone());
        let thread = std::thread::Builder::new()
            .name("card".into())
            .spawn(move || card_thread(&s, &p))
            .ok();
        Function {
            shared,
            peer,
            thread,
        }
    }

    /// Wire two functions back to back: what one sends, the other receives.
    pub fn connect(a: &Function, b: &Function) {
        *a.peer.lock().unwrap_or_else(|e| e.into_inner()) = Some(b.shared.clone());
        *b.peer.lock().unwrap_or_else(|e| e.into_inner()) = Some(a.shared.clone());
    }

    pub(crate) fn state(&self) -> MutexGuard<'_, State> {
        lock(&self.shared.state)
    }

    fn kick(&self) {
        self.shared.wake.notify_all();
    }

    /// The size of each region the function has (0: none).
    pub fn region_size(index: u32) -> u64 {
        match index {
            crate::wire::region::CONFIG => config::SIZE as u64,
            i if i <= crate::wire::region::BAR5 => config::bar_size(i),
            _ => 0,
        }
    }

    pub fn read(&self, region: u32, offset: u64, out: &mut [u8]) -> Result<(), AccessError> {
        let bad = AccessError::Range {
            region,
            offset,
            count: out.len(),
        };
        let mut st = self.state();
        match region {
            crate::wire::region::CONFIG => {
                let off = usize::try_from(offset).map_err(|_| bad.clone())?;
                if !st.config.read(off, out) {
                    return Err(bad);
                }
                Ok(())
            }
            r if r == pci::REGS_BAR => {
                let words = bar_words(offset, out.len(), BAR0_SIZE as u64).ok_or(bad)?;
                let decode = st.config.command() & config::COMMAND_MEMORY != 0;
                for (i, off) in words.enumerate() {
                    // A function that is gone, or whose memory decode is off, answers
                    // nothing: the host sees all-ones (an Unsupported Request).
                    let v = if st.faults.gone || !decode {
                        u32::MAX
                    } else {
                        st.card.read32(off)
                    };
                    out[4 * i..4 * i + 4].copy_from_slice(&v.to_le_bytes());
                }
                st.deliver();
                Ok(())
            }
            r if r == pci::MSIX_BAR => {
                let off = offset as usize;
                let table = pci::MSIX_TABLE_OFFSET as usize;
                let pba = pci::MSIX_PBA_OFFSET as usize;
                out.fill(0);
                if off >= table && off + out.len() <= table + st.msix_table.len() {
                    out.copy_from_slice(&st.msix_table[off - table..off - table + out.len()]);
                } else if off == pba && !out.is_empty() {
                    out[0] = st.pending as u8;
                } else if off + out.len() > pci::MSIX_BAR_SIZE as usize {
                    return Err(bad);
                }
                Ok(())
            }
            r if r == tb::BAR => {
                let off = usize::try_from(offset).map_err(|_| bad.clone())?;
                crate::test_bar::read(&mut st, off, out).ok_or(bad)
            }
            r if Self::region_size(r) == 0 => Err(AccessError::NoRegion(r)),
            _ => Err(bad),
        }
    }

    pub fn write(&self, region: u32, offset: u64, data: &[u8]) -> Result<(), AccessError> {
        let bad = AccessError::Range {
            region,
            offset,
            count: data.len(),
        };
        let mut st = self.state();
        match region {
            crate::wire::region::CONFIG => {
                let off = usize::try_from(offset).map_err(|_| bad.clone())?;
                let fx = st.config.write(off, data).ok_or(bad)?;
                if fx.flr {
                    st.reset();
                }
                st.dma.bus_master = st.config.bus_master();
                st.deliver();
            }
            r if r == pci::REGS_BAR => {
                let words = bar_words(offset, data.len(), BAR0_SIZE as u64).ok_or(bad)?;
                if st.faults.gone || st.config.command() & config::COMMAND_MEMORY == 0 {
                    return Ok(());
                }
                for (i, off) in words.enumerate() {
                    let v = u32::from_le_bytes([
                        data[4 * i],
                        data[4 * i + 1],
                        data[4 * i + 2],
                        data[4 * i + 3],
                    ]);
                    st.card.write32(off, v);
                }
                st.deliver();
            }
            r if r == pci::MSIX_BAR => {
                let off = offset as usize;
                let table = pci::MSIX_TABLE_OFFSET as usize;
                if off >= table && off + data.len() <= table + st.msix_table.len() {
                    let at = off - table;
                    st.msix_table[at..at + data.len()].copy_from_slice(data);
                } else if off + data.len() > pci::MSIX_BAR_SIZE as usize {
                    return Err(bad);
                }
            }
            r if r == tb::BAR => {
                let off = usize::try_from(offset).map_err(|_| bad.clone())?;
                crate::test_bar::write(&mut st, off, data).ok_or(bad)?;
            }
            r if Self::region_size(r) == 0 => return Err(AccessError::NoRegion(r)),
            _ => return Err(bad),
        }
        st.idle = false;
        drop(st);
        self.kick();
        Ok(())
    }

    /// A device reset (VFIO_USER_DEVICE_RESET), as Function Level Reset.
    pub fn reset(&self) {
        self.state().reset();
        self.kick();
    }

    pub fn dma_map(
        &self,
        iova: u64,
        size: u64,
        file: Option<File>,
        offset: u64,
    ) -> Result<(), crate::dma::MapError> {
        self.state().dma.map(iova, size, file, offset)
    }

    pub fn dma_unmap(&self, iova: u64, size: u64, all: bool) -> Result<(), crate::dma::MapError> {
        let mut st = self.state();
        if all {
            st.dma.clear();
            return Ok(());
        }
        st.dma.unmap(iova, size)
    }

    /// The client's eventfds for vectors `start..start+fds.len()` (None: that vector off).
    pub fn set_vectors(&self, start: u32, fds: Vec<Option<File>>) -> bool {
        let mut st = self.state();
        let end = start as usize + fds.len();
        if end > st.irq_fds.len() {
            return false;
        }
        for (i, fd) in fds.into_iter().enumerate() {
            st.irq_fds[start as usize + i] = fd;
        }
        st.deliver();
        true
    }

    pub fn mask_vectors(&self, start: u32, count: u32, masked: bool) -> bool {
        let mut st = self.state();
        let end = start as usize + count as usize;
        if end > st.irq_masked.len() {
            return false;
        }
        st.irq_masked[start as usize..end].fill(masked);
        st.deliver();
        true
    }

    /// The client went away: its memory and eventfds are no longer there.
    pub fn detach(&self) {
        let mut st = self.state();
        st.dma.clear();
        st.dma.bus_master = false;
        st.irq_fds.iter_mut().for_each(|f| *f = None);
    }

    /// Side channel: a frame arrives from the wire.
    pub fn inject(&self, frame: Vec<u8>) {
        let mut st = self.state();
        st.wire_in.push_back(frame);
        st.idle = false;
        drop(st);
        self.kick();
    }

    /// Side channel: the frames the card sent that no peer took.
    pub fn take_captured(&self) -> Vec<Vec<u8>> {
        self.state().capture.drain(..).collect()
    }

    pub fn set_faults(&self, f: Faults) {
        self.state().faults = f;
    }

    pub fn stats(&self) -> FunctionStats {
        let st = self.state();
        FunctionStats {
            dma_refused: st.dma.refused,
            ..st.stats
        }
    }

    /// Stop the card's thread (also on drop).
    pub fn stop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        self.kick();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
        // The wire is cut both ways, so neither card keeps the other alive.
        *self.peer.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }
}

impl Drop for Function {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The BAR0 offsets of a 4- or 8-octet access at `offset` (register by register).
fn bar_words(offset: u64, len: usize, size: u64) -> Option<impl Iterator<Item = u32>> {
    let ok = (len == 4 || len == 8) && offset % 4 == 0 && offset + len as u64 <= size;
    ok.then(|| (0..len as u32 / 4).map(move |i| offset as u32 + 4 * i))
}

fn card_thread(shared: &Shared, peer: &Mutex<Option<Arc<Shared>>>) {
    let mut out: Vec<Vec<u8>> = Vec::new();
    while !shared.stop.load(Ordering::SeqCst) {
        let mut st = lock(&shared.state);
        let mut worked = false;
        while let Some(f) = st.wire_in.pop_front() {
            st.card.wire_in(&f);
            worked = true;
        }
        let State { card, dma, .. } = &mut *st;
        worked |= card.run(dma);
        let to_peer = peer
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
            .filter(|_| !st.wire_capture);
        let st_ref = &mut *st;
        st_ref.card.drain_wire(&mut |f| out.push(f.to_vec()));
        st_ref.stats.wire_out += out.len() as u64;
        st.deliver();
        if to_peer.is_none() {
            for f in out.drain(..) {
                if st.capture.len() == CAPTURE_LIMIT {
                    st.capture.pop_front();
                    st.stats.wire_dropped += 1;
                }
                st.capture.push_back(f);
            }
        }
        if !worked && out.is_empty() {
            st.idle = st.wire_in.is_empty();
            // Idle: sleep until a register write, a frame or the stop wakes us (the timeout
            // bounds how late a card-internal event can be seen).
            let _ = shared
                .wake
                .wait_timeout(st, Duration::from_millis(5))
                .map(|_| ());
            continue;
        }
        drop(st);
        if let Some(p) = to_peer {
            if !out.is_empty() {
                let mut ps = lock(&p.state);
                ps.wire_in.extend(out.drain(..));
                ps.idle = false;
                drop(ps);
                p.wake.notify_all();
            }
        }
    }
}
