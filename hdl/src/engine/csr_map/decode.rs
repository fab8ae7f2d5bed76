//! The address decode: one strobe per register the engine implements, and the value of each
//! constant register (block headers, identity, CAPS).

use macsec_hdl_derive::SettleBlock;
use rust_hdl::prelude::*;

use macsec_model::regmap::counters::window as cw;
use macsec_model::regmap::tables::window as tw;
use macsec_model::regmap::{card as c, secy as s, BLOCKS};

use crate::engine::params::caps;

/// The registers the engine's CSR block implements, by strobe name.
pub fn strobes() -> Vec<(&'static str, u32)> {
    vec![
        ("is_control", c::CONTROL.offset),
        ("is_irq_status", c::IRQ_STATUS.offset),
        ("is_irq_mask", c::IRQ_MASK.offset),
        ("is_scratch", c::SCRATCH.offset),
        ("is_ctrl", s::CTRL.offset),
        ("is_replay", s::REPLAY_WINDOW.offset),
        ("is_sci_lo", s::TX_SCI_LO.offset),
        ("is_sci_hi", s::TX_SCI_HI.offset),
        ("is_thr_lo", s::PN_THRESHOLD_LO.offset),
        ("is_thr_hi", s::PN_THRESHOLD_HI.offset),
        ("is_max_len", s::MAX_FRAME_LEN.offset),
        ("is_tx_an", s::TX_AN.offset),
        ("is_sa_thr", s::TX_SA_THRESHOLD.offset),
        ("is_sa_exh", s::TX_SA_EXHAUSTED.offset),
        ("is_cmd", tw::CMD.offset),
        ("is_status", tw::STATUS.offset),
        ("is_sel", cw::SEL.offset),
        ("is_cnt_lo", cw::LO.offset),
        ("is_cnt_hi", cw::HI.offset),
        ("is_irq_arm", c::IRQ_ARM.offset),
    ]
}

/// The read-only registers with fixed values: every block header, the identity and CAPS.
pub fn constants() -> Vec<(u32, u32)> {
    let mut v: Vec<(u32, u32)> = BLOCKS
        .iter()
        .flat_map(|b| b.registers[..3].iter().map(|r| (r.offset, r.reset)))
        .collect();
    let caps = caps();
    v.extend([
        (c::ID.offset, c::ID_VALUE),
        (c::MAP_VERSION_REG.offset, c::MAP_VERSION),
        (c::CAPS0.offset, caps[0]),
        (c::CAPS1.offset, caps[1]),
        (c::CAPS2.offset, caps[2]),
    ]);
    v
}

#[derive(SettleBlock, Default, Debug)]
pub struct CsrDecode {
    _settle: crate::dff::SettleState,
    /// Byte address (bits 1:0 ignored).
    pub addr: Signal<In, Bits<12>>,
    pub is_control: Signal<Out, Bit>,
    pub is_irq_status: Signal<Out, Bit>,
    pub is_irq_mask: Signal<Out, Bit>,
    pub is_scratch: Signal<Out, Bit>,
    pub is_ctrl: Signal<Out, Bit>,
    pub is_replay: Signal<Out, Bit>,
    pub is_sci_lo: Signal<Out, Bit>,
    pub is_sci_hi: Signal<Out, Bit>,
    pub is_thr_lo: Signal<Out, Bit>,
    pub is_thr_hi: Signal<Out, Bit>,
    pub is_max_len: Signal<Out, Bit>,
    pub is_tx_an: Signal<Out, Bit>,
    pub is_sa_thr: Signal<Out, Bit>,
    pub is_sa_exh: Signal<Out, Bit>,
    pub is_cmd: Signal<Out, Bit>,
    pub is_status: Signal<Out, Bit>,
    pub is_sel: Signal<Out, Bit>,
    pub is_cnt_lo: Signal<Out, Bit>,
    pub is_cnt_hi: Signal<Out, Bit>,
    pub is_irq_arm: Signal<Out, Bit>,
    /// One of DATA0..DATA15, and which.
    pub is_data: Signal<Out, Bit>,
    pub data_idx: Signal<Out, Bits<4>>,
    pub is_const: Signal<Out, Bit>,
    pub const_val: Signal<Out, Bits<32>>,
}

impl CsrDecode {
    fn outs(&mut self) -> [&mut Signal<Out, Bit>; 20] {
        [
            &mut self.is_control,
            &mut self.is_irq_status,
            &mut self.is_irq_mask,
            &mut self.is_scratch,
            &mut self.is_ctrl,
            &mut self.is_replay,
            &mut self.is_sci_lo,
            &mut self.is_sci_hi,
            &mut self.is_thr_lo,
            &mut self.is_thr_hi,
            &mut self.is_max_len,
            &mut self.is_tx_an,
            &mut self.is_sa_thr,
            &mut self.is_sa_exh,
            &mut self.is_cmd,
            &mut self.is_status,
            &mut self.is_sel,
            &mut self.is_cnt_lo,
            &mut self.is_cnt_hi,
            &mut self.is_irq_arm,
        ]
    }
}

/// The decode tables, built once (the simulation evaluates the decoder many times a cycle).
type Tables = (Vec<(&'static str, u32)>, Vec<(u32, u32)>);

fn tables() -> &'static Tables {
    static T: std::sync::OnceLock<Tables> = std::sync::OnceLock::new();
    T.get_or_init(|| (strobes(), constants()))
}

impl Logic for CsrDecode {
    fn update(&mut self) {
        let a = self.addr.val().index() as u32 & !3;
        let (strobes, constants) = tables();
        for (o, (_, off)) in self.outs().into_iter().zip(strobes) {
            o.next = a == *off;
        }
        let data = (tw::DATA0_OFFSET..tw::DATA0_OFFSET + 4 * tw::DATA_WORDS).contains(&a);
        self.is_data.next = data;
        self.data_idx.next = (((a.wrapping_sub(tw::DATA0_OFFSET) / 4) & 15) as u64).into();
        let k = constants.iter().find(|&&(off, _)| off == a);
        self.is_const.next = k.is_some();
        self.const_val.next = (k.map_or(0, |x| x.1) as u64).into();
    }

    fn connect(&mut self) {
        for o in self.outs() {
            o.connect();
        }
        self.is_data.connect();
        self.data_idx.connect();
        self.is_const.connect();
        self.const_val.connect();
    }

    fn hdl(&self) -> Verilog {
        let d0 = tw::DATA0_OFFSET;
        let mut v = format!(
            "wire [11:0] a = {{addr[11:2], 2'b00}};\nwire [11:0] data_off = a - 12'h{d0:03x};\nalways @(*) begin\n"
        );
        for (name, off) in strobes() {
            v += &format!("  {name} = (a == 12'h{off:03x});\n");
        }
        let d1 = d0 + 4 * tw::DATA_WORDS;
        v += &format!("  is_data = (a >= 12'h{d0:03x}) && (a < 12'h{d1:03x});\n");
        v += "  data_idx = data_off[5:2];\n";
        v += "  is_const = 1'b1;\n  case (a)\n";
        for (off, val) in constants() {
            v += &format!("    12'h{off:03x}: const_val = 32'h{val:08x};\n");
        }
        v += "    default: begin const_val = 32'd0; is_const = 1'b0; end\n  endcase\nend\n";
        Verilog::Custom(v)
    }
}
