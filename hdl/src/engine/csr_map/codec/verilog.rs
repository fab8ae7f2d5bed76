//! The field codec's Verilog body: one combinational block slicing and packing the fields at
//! the register map's positions, as `super`'s plain-Rust `update` does.

use macsec_model::regmap::counters::window as cw;
use macsec_model::regmap::tables::{key, rx_sa, rx_sc, tx_sa, window as tw};
use macsec_model::regmap::{card as c, secy as s, Field};

use crate::engine::params::{AN_BITS, SA_BITS};

/// `src[msb:lsb]` of a field.
fn vs(src: &str, f: Field) -> String {
    if f.width == 1 {
        format!("{src}[{}]", f.lsb)
    } else {
        format!("{src}[{}:{}]", f.lsb + f.width - 1, f.lsb)
    }
}

/// A word with `val` (a signal of the field's width) in field `f` (Verilog): the
/// concatenation is exactly 32 bits, so a `val` of another width shows up in the lint.
fn vv(val: &str, f: Field) -> String {
    if f.width == 32 {
        return val.to_string();
    }
    format!("({{{}'d0, {val}}} << {})", 32 - f.width, f.lsb)
}

/// The unpacked fields: (output, source input, field).
fn unpacked() -> Vec<(&'static str, &'static str, Field)> {
    vec![
        ("w_reset", "wdata", c::CONTROL_RESET),
        ("w_enable", "wdata", c::CONTROL_ENABLE),
        ("w_suite", "wdata", s::CTRL_SUITE),
        ("w_offset", "wdata", s::CTRL_OFFSET),
        ("w_encoding", "wdata", s::TX_AN_ENCODING),
        ("w_cmd_index", "wdata", tw::CMD_INDEX),
        ("w_cmd_table", "wdata", tw::CMD_TABLE),
        ("protect", "ctrl", s::CTRL_PROTECT),
        ("always_sci", "ctrl", s::CTRL_ALWAYS_SCI),
        ("use_es", "ctrl", s::CTRL_USE_ES),
        ("use_scb", "ctrl", s::CTRL_USE_SCB),
        ("replay", "ctrl", s::CTRL_REPLAY),
        ("validate", "ctrl", s::CTRL_VALIDATE),
        ("suite", "ctrl", s::CTRL_SUITE),
        ("offset", "ctrl", s::CTRL_OFFSET),
        ("next_an", "tx_an", s::TX_AN_NEXT),
        ("armed", "tx_an", s::TX_AN_ARMED),
        ("sel_id", "sel", cw::SEL_ID),
        ("sel_index", "sel", cw::SEL_INDEX),
        ("sel_scope", "sel", cw::SEL_SCOPE),
        ("cmd_table", "cmd", tw::CMD_TABLE),
        ("cmd_write", "cmd", tw::CMD_WRITE),
        ("cmd_index", "cmd", tw::CMD_INDEX),
        ("tx_enable_only", "d0", tx_sa::CTRL_ENABLE_ONLY),
        ("tx_valid", "d0", tx_sa::CTRL_VALID),
        ("tx_key", "d0", tx_sa::CTRL_KEY),
        ("sc_valid", "d0", rx_sc::CTRL_VALID),
        ("sc_enable", "d0", rx_sc::CTRL_ENABLE),
        ("rx_enable_only", "d0", rx_sa::CTRL_ENABLE_ONLY),
        ("rx_update_pn", "d0", rx_sa::CTRL_UPDATE_PN),
        ("rx_valid", "d0", rx_sa::CTRL_VALID),
        ("rx_key", "d0", rx_sa::CTRL_KEY),
        ("key_256", "d8", key::LEN_256),
        ("key_valid", "d8", key::LEN_VALID),
    ]
}

/// The body.
pub fn body() -> String {
    let mut v = String::from("always @(*) begin\n");
    for (out, from, f) in unpacked() {
        v += &format!("  {out} = {};\n", vs(from, f));
    }
    let keep = s::TX_AN_NEXT.mask() | s::TX_AN_ARMED.mask();
    v += &format!("  w_tx_an = wdata & 32'h{keep:08x};\n");
    v += &format!("  w_ctrl = wdata & 32'h{:08x};\n", !s::CTRL_ERROR.mask());
    v += &format!("  ctrl_err = ctrl | 32'h{:08x};\n", s::CTRL_ERROR.mask());
    v += &format!(
        "  status_word = {} | {} | {};\n",
        vv("st_busy", tw::STATUS_BUSY),
        vv("st_error", tw::STATUS_ERROR),
        vv("st_code", tw::STATUS_CODE)
    );
    v += &format!(
        "  tx_an_word = (tx_an & 32'h{:08x}) | {};\n",
        !s::TX_AN_ENCODING.mask(),
        vv("encoding", s::TX_AN_ENCODING)
    );
    v += &format!(
        "  tx_an_disarmed = tx_an & 32'h{:08x};\n",
        !s::TX_AN_ARMED.mask()
    );
    v += "  t_an_bit = 32'd1 << t_an;\n";
    let lsb = tw::CMD_INDEX.lsb as usize;
    v += &format!(
        "  cmd_sc_of_sa = cmd[{}:{}];\n",
        lsb + SA_BITS - 1,
        lsb + AN_BITS
    );
    v += &format!(
        "  cmd_an_bit = 32'd1 << {};\n",
        vs(
            "cmd",
            Field {
                width: 2,
                ..tw::CMD_INDEX
            }
        )
    );
    v += &format!(
        "  control_word = {} | {};\n",
        vv("enabled", c::CONTROL_ENABLE),
        vv("resetting", c::CONTROL_RESET)
    );
    v += &format!(
        "  sc_ctrl_word = {} | {};\n",
        vv("sc_r_valid", rx_sc::CTRL_VALID),
        vv("sc_r_enable", rx_sc::CTRL_ENABLE)
    );
    v += &format!("  irq_pn_thr = 32'h{:08x};\n", c::IRQ_PN_THRESHOLD.bit());
    v += &format!("  irq_pn_exh = 32'h{:08x};\n", c::IRQ_PN_EXHAUSTED.bit());
    v += "end\n";
    v
}
