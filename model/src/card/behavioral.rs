//! The behavioral card's state and its [`CardModel`] face.

use std::collections::VecDeque;

use crate::cipher::{Backend, CipherSuite, Sak, Salt};
use crate::framebuf::FrameBuf;
use crate::regmap::card as c;
use crate::sci::Sci;
use crate::secy::{SecY, SecYControls};

use super::rings::Ring;
use super::{CardModel, HostMemory};

/// The build-time sizes a card reports in CAPS0..CAPS2.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CardCaps {
    pub rx_scs: u16,
    pub keys: u16,
    pub datapath_bits: u16,
    pub clock_mhz: u16,
}

impl Default for CardCaps {
    fn default() -> Self {
        CardCaps {
            rx_scs: 16,
            keys: 128,
            datapath_bits: 128,
            clock_mhz: 0,
        }
    }
}

/// What the host wrote for an SA, kept for read-back (the SecY holds the expanded key and PNs).
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct SaShadow {
    pub key_index: u16,
    pub ssci: u32,
    pub salt: Salt,
    /// The key identifier words as written.
    pub key_id: [u32; 4],
}

/// One slot of the receive SC table.
#[derive(Clone, Copy, Debug)]
pub(super) struct ScSlot {
    pub sci: Sci,
    pub enabled: bool,
}

/// The behavioral card. Frames go through a golden [`SecY`], so its counters are the golden
/// model's by construction; what this type adds is the register, table and ring behaviour.
pub struct BehavioralCard {
    pub(super) caps: CardCaps,
    pub(super) backend: Backend,
    pub(super) secy: SecY,
    pub(super) keys: Vec<Option<Sak>>,
    pub(super) tx_sa: [Option<SaShadow>; 4],
    pub(super) rx_sc: Vec<Option<ScSlot>>,
    pub(super) rx_sa: Vec<Option<SaShadow>>,
    pub(super) enabled: bool,
    pub(super) irq_status: u32,
    pub(super) irq_mask: u32,
    /// IRQ_ARM.ARMED: the next pending cause sends a message.
    pub(super) irq_armed: bool,
    /// A message sent and not yet taken by [`CardModel::take_message`].
    pub(super) irq_message: bool,
    pub(super) scratch: u32,
    pub(super) secy_ctrl: u32,
    pub(super) tx_an: u32,
    pub(super) tx_sa_threshold: u32,
    pub(super) tx_sa_exhausted: u32,
    pub(super) win_cmd: u32,
    pub(super) win_status: u32,
    pub(super) win_data: [u32; 16],
    pub(super) win_readable: bool,
    pub(super) cnt_sel: u32,
    pub(super) cnt_latch: u64,
    pub(super) tx: Ring,
    pub(super) rx: Ring,
    pub(super) wire_in: VecDeque<FrameBuf>,
    pub(super) wire_out: VecDeque<FrameBuf>,
    /// Frame buffers to reuse, so the data path allocates nothing once warm.
    pub(super) spare: Vec<FrameBuf>,
    pub(super) buf: FrameBuf,
}

impl std::fmt::Debug for BehavioralCard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BehavioralCard")
            .field("caps", &self.caps)
            .field("enabled", &self.enabled)
            .field("secy", &self.secy)
            .finish_non_exhaustive()
    }
}

impl BehavioralCard {
    pub fn new(caps: CardCaps, backend: Backend) -> BehavioralCard {
        let mut card = BehavioralCard {
            caps,
            backend,
            secy: fresh_secy(backend),
            keys: Vec::new(),
            tx_sa: [None; 4],
            rx_sc: Vec::new(),
            rx_sa: Vec::new(),
            enabled: false,
            irq_status: 0,
            irq_mask: 0,
            irq_armed: true,
            irq_message: false,
            scratch: 0,
            secy_ctrl: 0,
            tx_an: 0,
            tx_sa_threshold: 0,
            tx_sa_exhausted: 0,
            win_cmd: 0,
            win_status: 0,
            win_data: [0; 16],
            win_readable: false,
            cnt_sel: 0,
            cnt_latch: 0,
            tx: Ring::default(),
            rx: Ring::default(),
            wire_in: VecDeque::new(),
            wire_out: VecDeque::new(),
            spare: Vec::new(),
            buf: FrameBuf::with_capacity(16 * 1024),
        };
        card.reset();
        card
    }

    /// CONTROL.RESET: everything back to its reset value (keys wiped by their Drop).
    pub(super) fn reset(&mut self) {
        self.secy = fresh_secy(self.backend);
        self.keys = vec![None; self.caps.keys as usize];
        self.tx_sa = [None; 4];
        self.rx_sc = vec![None; self.caps.rx_scs as usize];
        self.rx_sa = vec![None; 4 * self.caps.rx_scs as usize];
        self.enabled = false;
        self.irq_status = 0;
        self.irq_mask = 0;
        self.irq_armed = true;
        self.irq_message = false;
        self.scratch = 0;
        self.secy_ctrl = crate::regmap::secy::CTRL_RESET;
        self.tx_an = 0;
        self.tx_sa_threshold = 0;
        self.tx_sa_exhausted = 0;
        self.win_cmd = 0;
        self.win_status = 0;
        self.win_data = [0; 16];
        self.win_readable = false;
        self.cnt_sel = 0;
        self.cnt_latch = 0;
        self.tx = Ring::default();
        self.rx = Ring::default();
        self.wire_in.clear();
        self.wire_out.clear();
    }

    /// The golden SecY inside (for scoreboards and tests).
    pub fn secy(&self) -> &SecY {
        &self.secy
    }

    pub fn caps(&self) -> CardCaps {
        self.caps
    }

    pub(super) fn caps_regs(&self) -> [u32; 3] {
        let caps0 = c::CAPS0_RX_SCS.val(self.caps.rx_scs as u32)
            | c::CAPS0_TX_SAS.val(4)
            | c::CAPS0_RX_SAS.val(4);
        let suites = CipherSuite::ALL.len() as u32;
        let caps1 = c::CAPS1_KEYS.val(self.caps.keys as u32)
            | c::CAPS1_SUITES.val((1 << suites) - 1)
            | c::CAPS1_OFFSETS.val(1);
        let caps2 = c::CAPS2_WIDTH.val(self.caps.datapath_bits as u32)
            | c::CAPS2_CLOCK.val(self.caps.clock_mhz as u32);
        [caps0, caps1, caps2]
    }

    /// Raise interrupt causes as the card's rings and DMA do (the IRQ_STATUS bits of `causes`):
    /// what drives the engine's `irq_set` pins, for a test of the control plane alone.
    pub fn raise_causes(&mut self, causes: u32) {
        self.raise(causes & c::IRQ_ALL);
    }

    pub(super) fn raise(&mut self, cause: u32) {
        self.irq_status |= cause;
        self.fire();
    }

    /// IRQ_ARM's rule, evaluated whenever a cause, the mask or ARMED changes: armed and
    /// pending sends one message and disarms.
    pub(super) fn fire(&mut self) {
        if self.irq_armed && self.irq_status & self.irq_mask != 0 {
            self.irq_armed = false;
            self.irq_message = true;
        }
    }
}

fn fresh_secy(backend: Backend) -> SecY {
    // The reset controls are valid by construction, so this cannot fail.
    SecY::new(SecYControls::new(CipherSuite::GcmAes128), Sci(0), backend)
        .unwrap_or_else(|_| unreachable!("default controls are valid"))
}

impl CardModel for BehavioralCard {
    fn read32(&mut self, offset: u32) -> u32 {
        self.reg_read(offset)
    }

    fn write32(&mut self, offset: u32, value: u32) {
        self.reg_write(offset, value)
    }

    fn run(&mut self, mem: &mut dyn HostMemory) -> bool {
        let mut any = false;
        while self.run_tx(mem) | self.run_rx(mem) {
            any = true;
        }
        self.flush_completions(mem);
        any
    }

    fn wire_in(&mut self, frame: &[u8]) {
        // Queued first, filled where it lies: moving a buffer just written field by field
        // stalls store forwarding, a cost per frame.
        let b = self.spare.pop().unwrap_or_default();
        self.wire_in.push_back(b);
        let tail = self.wire_in.len() - 1;
        self.wire_in[tail].set(frame);
    }

    fn wire_out(&mut self) -> Option<FrameBuf> {
        self.wire_out.pop_front()
    }

    fn recycle(&mut self, buf: FrameBuf) {
        if self.spare.len() < 256 {
            self.spare.push(buf);
        }
    }

    fn drain_wire(&mut self, f: &mut dyn FnMut(&[u8])) {
        // Frames handed over where they lie; the buffers then move to the spares together.
        for b in &self.wire_out {
            f(b.as_slice());
        }
        // In bulk: the queue becomes a vector (no copy while it is contiguous), its buffers
        // are appended to the spares in one move, and its storage comes back as the queue.
        let mut sent = Vec::from(std::mem::take(&mut self.wire_out));
        sent.truncate(256usize.saturating_sub(self.spare.len()));
        self.spare.append(&mut sent);
        self.wire_out = VecDeque::from(sent);
    }

    fn irq(&self) -> bool {
        self.irq_status & self.irq_mask != 0
    }

    fn take_message(&mut self) -> bool {
        std::mem::take(&mut self.irq_message)
    }
}
