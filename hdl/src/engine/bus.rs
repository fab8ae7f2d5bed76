//! Driving the control plane's CSR bus from a simulation loop, as the driver drives BAR0: one
//! access per cycle, read data the cycle after. The GCM cores' key ports are modelled by a
//! countdown here, so the control plane can be exercised alone.

use rust_hdl::prelude::*;

use super::control::Control;

/// Cycles a stand-in core takes to install a key (the real core takes about as long).
const KEY_CYCLES: u32 = 24;

pub struct ControlSim {
    pub uut: Control,
    pub cycles: u64,
    /// MSI-X messages sent (cycles `irq_msg` was high after an edge).
    pub messages: u64,
    busy_e: u32,
    busy_i: u32,
}

impl std::fmt::Debug for ControlSim {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ControlSim(cycle {})", self.cycles)
    }
}

impl Default for ControlSim {
    fn default() -> Self {
        Self::new()
    }
}

impl ControlSim {
    pub fn new() -> ControlSim {
        let mut uut = Control::new();
        uut.connect_all();
        let mut s = ControlSim {
            uut,
            cycles: 0,
            messages: 0,
            busy_e: 0,
            busy_i: 0,
        };
        s.uut.reset.next = true;
        s.tick();
        s.uut.reset.next = false;
        s
    }

    pub fn tick(&mut self) {
        let u = &mut self.uut;
        u.kx_e_ready.next = self.busy_e == 0;
        u.kx_i_ready.next = self.busy_i == 0;
        u.clock.next = false.into();
        simulate(u, 100);
        let (ke, ki) = (u.kx_e_valid.val(), u.kx_i_valid.val());
        u.clock.next = true.into();
        simulate(u, 100);
        self.messages += u.irq_msg.val() as u64;
        self.busy_e = if ke {
            KEY_CYCLES
        } else {
            self.busy_e.saturating_sub(1)
        };
        self.busy_i = if ki {
            KEY_CYCLES
        } else {
            self.busy_i.saturating_sub(1)
        };
        self.cycles += 1;
    }

    /// Causes raised by the card around the engine (`irq_set`) for one cycle.
    pub fn raise(&mut self, causes: u32) {
        self.uut.irq_set.next = (causes as u64).into();
        self.tick();
        self.uut.irq_set.next = 0u64.into();
    }

    /// The interrupt line.
    pub fn irq(&self) -> bool {
        self.uut.irq.val()
    }

    pub fn write(&mut self, off: u32, v: u32) {
        self.uut.addr.next = (off as u64).into();
        self.uut.wdata.next = (v as u64).into();
        self.uut.we.next = true;
        self.tick();
        self.uut.we.next = false;
    }

    pub fn read(&mut self, off: u32) -> u32 {
        self.uut.addr.next = (off as u64).into();
        self.uut.re.next = true;
        self.tick();
        self.uut.re.next = false;
        self.uut.rdata.val().to_u32()
    }
}
