//! The field codec: the fields of written and stored words unpacked, and the words read back
//! packed, at the register map's positions.

use crate::engine::params::{AN_BITS, RX_SCS, SC_BITS};
use macsec_hdl_derive::SettleBlock;
use rust_hdl::prelude::*;

mod verilog;

use macsec_model::regmap::counters::window as cw;
use macsec_model::regmap::tables::{key, rx_sa, rx_sc, tx_sa, window as tw};
use macsec_model::regmap::{card as c, secy as s, Field};

#[derive(SettleBlock, Default, Debug)]
pub struct CsrCodec {
    _settle: crate::dff::SettleState,
    pub wdata: Signal<In, Bits<32>>,
    pub ctrl: Signal<In, Bits<32>>,
    pub tx_an: Signal<In, Bits<32>>,
    pub sel: Signal<In, Bits<32>>,
    pub cmd: Signal<In, Bits<32>>,
    pub d0: Signal<In, Bits<32>>,
    pub d8: Signal<In, Bits<32>>,
    pub st_busy: Signal<In, Bit>,
    pub st_error: Signal<In, Bit>,
    pub st_code: Signal<In, Bits<8>>,
    pub encoding: Signal<In, Bits<2>>,
    pub enabled: Signal<In, Bit>,
    /// The reset's key wipe is still running: CONTROL.RESET reads 1.
    pub resetting: Signal<In, Bit>,
    pub sc_r_valid: Signal<In, Bit>,
    pub sc_r_enable: Signal<In, Bit>,
    pub t_an: Signal<In, Bits<2>>,
    pub w_reset: Signal<Out, Bit>,
    pub w_enable: Signal<Out, Bit>,
    pub w_suite: Signal<Out, Bits<2>>,
    pub w_offset: Signal<Out, Bits<6>>,
    pub w_encoding: Signal<Out, Bits<2>>,
    pub w_cmd_index: Signal<Out, Bits<16>>,
    pub w_cmd_table: Signal<Out, Bits<4>>,
    /// The written TX_AN word with only NEXT_AN and ARMED kept.
    pub w_tx_an: Signal<Out, Bits<32>>,
    /// The written CTRL word without its ERROR bit; the stored word with ERROR set.
    pub w_ctrl: Signal<Out, Bits<32>>,
    pub ctrl_err: Signal<Out, Bits<32>>,
    pub protect: Signal<Out, Bit>,
    pub always_sci: Signal<Out, Bit>,
    pub use_es: Signal<Out, Bit>,
    pub use_scb: Signal<Out, Bit>,
    pub replay: Signal<Out, Bit>,
    pub validate: Signal<Out, Bits<2>>,
    pub suite: Signal<Out, Bits<2>>,
    pub offset: Signal<Out, Bits<6>>,
    pub next_an: Signal<Out, Bits<2>>,
    pub armed: Signal<Out, Bit>,
    pub sel_id: Signal<Out, Bits<8>>,
    pub sel_index: Signal<Out, Bits<16>>,
    pub sel_scope: Signal<Out, Bits<4>>,
    pub cmd_table: Signal<Out, Bits<4>>,
    pub cmd_write: Signal<Out, Bit>,
    pub cmd_index: Signal<Out, Bits<16>>,
    pub tx_enable_only: Signal<Out, Bit>,
    pub tx_valid: Signal<Out, Bit>,
    pub tx_key: Signal<Out, Bits<16>>,
    pub sc_valid: Signal<Out, Bit>,
    pub sc_enable: Signal<Out, Bit>,
    pub rx_enable_only: Signal<Out, Bit>,
    pub rx_update_pn: Signal<Out, Bit>,
    pub rx_valid: Signal<Out, Bit>,
    pub rx_key: Signal<Out, Bits<16>>,
    pub key_256: Signal<Out, Bit>,
    pub key_valid: Signal<Out, Bit>,
    /// Words read back: TABLES.STATUS, SECY.TX_AN, CARD.CONTROL.
    pub status_word: Signal<Out, Bits<32>>,
    pub tx_an_word: Signal<Out, Bits<32>>,
    pub control_word: Signal<Out, Bits<32>>,
    /// TX_AN with ARMED cleared (the switchover was taken).
    pub tx_an_disarmed: Signal<Out, Bits<32>>,
    /// The window index as an SC slot of an RX_SA command (index / 4).
    pub cmd_sc_of_sa: Signal<Out, Bits<SC_BITS>>,
    /// One bit per AN: of the frame's transmit SA, of the window command's index.
    pub t_an_bit: Signal<Out, Bits<32>>,
    pub cmd_an_bit: Signal<Out, Bits<32>>,
    /// RX_SC DATA0 as read back.
    pub sc_ctrl_word: Signal<Out, Bits<32>>,
    /// IRQ_STATUS bits raised by the PN events.
    pub irq_pn_thr: Signal<Out, Bits<32>>,
    pub irq_pn_exh: Signal<Out, Bits<32>>,
}

impl Logic for CsrCodec {
    fn update(&mut self) {
        let w = self.wdata.val().to_u32();
        let ctrl = self.ctrl.val().to_u32();
        let tx_an = self.tx_an.val().to_u32();
        let sel = self.sel.val().to_u32();
        let cmd = self.cmd.val().to_u32();
        let d0 = self.d0.val().to_u32();
        let d8 = self.d8.val().to_u32();
        fn b(f: Field, w: u32) -> bool {
            f.get(w) != 0
        }
        fn n<const N: usize>(f: Field, w: u32) -> Bits<N> {
            (f.get(w) as u64).into()
        }
        self.w_reset.next = b(c::CONTROL_RESET, w);
        self.w_enable.next = b(c::CONTROL_ENABLE, w);
        self.w_suite.next = n(s::CTRL_SUITE, w);
        self.w_offset.next = n(s::CTRL_OFFSET, w);
        self.w_encoding.next = n(s::TX_AN_ENCODING, w);
        self.w_cmd_index.next = n(tw::CMD_INDEX, w);
        self.w_cmd_table.next = n(tw::CMD_TABLE, w);
        self.w_tx_an.next = ((w & (s::TX_AN_NEXT.mask() | s::TX_AN_ARMED.mask())) as u64).into();
        self.w_ctrl.next = ((w & !s::CTRL_ERROR.mask()) as u64).into();
        self.ctrl_err.next = ((ctrl | s::CTRL_ERROR.mask()) as u64).into();
        self.protect.next = b(s::CTRL_PROTECT, ctrl);
        self.always_sci.next = b(s::CTRL_ALWAYS_SCI, ctrl);
        self.use_es.next = b(s::CTRL_USE_ES, ctrl);
        self.use_scb.next = b(s::CTRL_USE_SCB, ctrl);
        self.replay.next = b(s::CTRL_REPLAY, ctrl);
        self.validate.next = n(s::CTRL_VALIDATE, ctrl);
        self.suite.next = n(s::CTRL_SUITE, ctrl);
        self.offset.next = n(s::CTRL_OFFSET, ctrl);
        self.next_an.next = n(s::TX_AN_NEXT, tx_an);
        self.armed.next = b(s::TX_AN_ARMED, tx_an);
        self.sel_id.next = n(cw::SEL_ID, sel);
        self.sel_index.next = n(cw::SEL_INDEX, sel);
        self.sel_scope.next = n(cw::SEL_SCOPE, sel);
        self.cmd_table.next = n(tw::CMD_TABLE, cmd);
        self.cmd_write.next = b(tw::CMD_WRITE, cmd);
        self.cmd_index.next = n(tw::CMD_INDEX, cmd);
        self.tx_enable_only.next = b(tx_sa::CTRL_ENABLE_ONLY, d0);
        self.tx_valid.next = b(tx_sa::CTRL_VALID, d0);
        self.tx_key.next = n(tx_sa::CTRL_KEY, d0);
        self.sc_valid.next = b(rx_sc::CTRL_VALID, d0);
        self.sc_enable.next = b(rx_sc::CTRL_ENABLE, d0);
        self.rx_enable_only.next = b(rx_sa::CTRL_ENABLE_ONLY, d0);
        self.rx_update_pn.next = b(rx_sa::CTRL_UPDATE_PN, d0);
        self.rx_valid.next = b(rx_sa::CTRL_VALID, d0);
        self.rx_key.next = n(rx_sa::CTRL_KEY, d0);
        self.key_256.next = b(key::LEN_256, d8);
        self.key_valid.next = b(key::LEN_VALID, d8);
        let st = tw::STATUS_BUSY.val(self.st_busy.val() as u32)
            | tw::STATUS_ERROR.val(self.st_error.val() as u32)
            | tw::STATUS_CODE.val(self.st_code.val().index() as u32);
        self.status_word.next = (st as u64).into();
        let enc = self.encoding.val().index() as u32;
        self.tx_an_word.next = (s::TX_AN_ENCODING.set(tx_an, enc) as u64).into();
        self.control_word.next = ((c::CONTROL_ENABLE.val(self.enabled.val() as u32)
            | c::CONTROL_RESET.val(self.resetting.val() as u32))
            as u64)
            .into();
        let idx = tw::CMD_INDEX.get(cmd);
        // CMD.INDEX as an SA's index (SC slot × ANS + AN) and as an SC's slot.
        let sc_mask = (RX_SCS - 1) as u32;
        self.cmd_sc_of_sa.next = (((idx >> AN_BITS) & sc_mask) as u64).into();
        self.tx_an_disarmed.next = ((tx_an & !s::TX_AN_ARMED.mask()) as u64).into();
        self.t_an_bit.next = ((1u32 << self.t_an.val().index()) as u64).into();
        self.cmd_an_bit.next = ((1u32 << (tw::CMD_INDEX.get(cmd) & 3)) as u64).into();
        let sc = rx_sc::CTRL_VALID.val(self.sc_r_valid.val() as u32)
            | rx_sc::CTRL_ENABLE.val(self.sc_r_enable.val() as u32);
        self.sc_ctrl_word.next = (sc as u64).into();
        self.irq_pn_thr.next = (c::IRQ_PN_THRESHOLD.bit() as u64).into();
        self.irq_pn_exh.next = (c::IRQ_PN_EXHAUSTED.bit() as u64).into();
    }

    fn connect(&mut self) {
        self.w_reset.connect();
        self.w_enable.connect();
        self.w_suite.connect();
        self.w_offset.connect();
        self.w_encoding.connect();
        self.w_cmd_index.connect();
        self.w_cmd_table.connect();
        self.w_tx_an.connect();
        self.w_ctrl.connect();
        self.ctrl_err.connect();
        self.protect.connect();
        self.always_sci.connect();
        self.use_es.connect();
        self.use_scb.connect();
        self.replay.connect();
        self.validate.connect();
        self.suite.connect();
        self.offset.connect();
        self.next_an.connect();
        self.armed.connect();
        self.sel_id.connect();
        self.sel_index.connect();
        self.sel_scope.connect();
        self.cmd_table.connect();
        self.cmd_write.connect();
        self.cmd_index.connect();
        self.tx_enable_only.connect();
        self.tx_valid.connect();
        self.tx_key.connect();
        self.sc_valid.connect();
        self.sc_enable.connect();
        self.rx_enable_only.connect();
        self.rx_update_pn.connect();
        self.rx_valid.connect();
        self.rx_key.connect();
        self.key_256.connect();
        self.key_valid.connect();
        self.status_word.connect();
        self.tx_an_word.connect();
        self.control_word.connect();
        self.sc_ctrl_word.connect();
        self.tx_an_disarmed.connect();
        self.cmd_sc_of_sa.connect();
        self.t_an_bit.connect();
        self.cmd_an_bit.connect();
        self.irq_pn_thr.connect();
        self.irq_pn_exh.connect();
    }

    fn hdl(&self) -> Verilog {
        Verilog::Custom(verilog::body())
    }
}
