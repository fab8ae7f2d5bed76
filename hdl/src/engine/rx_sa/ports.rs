//! The receive SA table's memory ports as the logic sees them between edges (each read
//! forwarded the write of either port at the same edge), and the registers' reset.

use super::{Cfg, Decided, Pns, Read, RxSaTable};

impl RxSaTable {
    /// The registers' reset (the memories keep their words).
    pub(super) fn clear_state(&mut self) {
        self._valid.iter_mut().for_each(|x| *x = false);
        self._enable.iter_mut().for_each(|x| *x = false);
        self._lowhi.iter_mut().for_each(|x| *x = 0);
        self._infl.iter_mut().for_each(|x| *x = 0);
        self._spec.iter_mut().for_each(|x| *x = 0);
        self._ea = 0;
        self._a_rd = Pns::default();
        self._a_we = false;
        self._a_wd = Pns::default();
        self._rb = 0;
        self._b_rd = Pns::default();
        self._b_we = false;
        self._b_wd = Pns::default();
        self._cr = 0;
        self._cr_rd = Cfg::default();
        self._ci_we = false;
        self._ci_addr = 0;
        self._ci_wd = Cfg::default();
        self._k_rd = Cfg::default();
        self._kx = false;
        self._ivp = [0; 3];
        self._r = Read::default();
        self._e_next = 0;
        self._e_low = 0;
        self._c_low = 0;
        self._d = Decided::default();
    }

    /// Port A's word now: its read, or a write to it at the last edge.
    pub(super) fn port_a(&self) -> Pns {
        if self._b_we && self._rb == self._ea {
            self._b_wd
        } else if self._a_we {
            self._a_wd
        } else {
            self._a_rd
        }
    }

    /// Port B's word now.
    pub(super) fn port_b(&self) -> Pns {
        if self._a_we && self._ea == self._rb {
            self._a_wd
        } else if self._b_we {
            self._b_wd
        } else {
            self._b_rd
        }
    }

    /// `cfg_r`'s word now.
    pub(super) fn cfg_read(&self) -> Cfg {
        if self._ci_we && self._ci_addr == self._cr {
            self._ci_wd
        } else {
            self._cr_rd
        }
    }
}
