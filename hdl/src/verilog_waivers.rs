//! The exported engine's lint waivers, each for named signals of one module, with its reason:
//! what `verilator --lint-only -Wall` would otherwise report as unused. Nothing is waived
//! file-wide; a signal that becomes unused without an entry here fails the lint test
//! (`hdl/tests/engine_verilog.rs`).
//!
//! An unused-signal waiver is Verilator's own idiom, one line before `endmodule`: the signals
//! reduced into a `_unused` wire between `lint_off`/`lint_on`. The enum waiver wraps rust-hdl's
//! `// Enums` declarations, which it writes into every module that holds a register of that
//! enum, used or not.

use crate::engine::params::{KEY_BITS, SA_BITS, SC_BITS};

/// (module, signals or bit ranges not read there, why). `{key}`, `{sa}` and `{sc}` stand for
/// the key slot, receive SA index and receive SC slot widths (`engine::params`), so a range
/// above one of those fields follows the parameter set.
const UNUSED: &[(&str, &str, &str)] = &[
    ("macsec_engine_axi", "engine$e_out_sop, engine$i_out_sop", "AXI4-Stream has no start of frame: a master port's frame starts after a tlast"),
    ("macsec_engine", "ctl$suite", "an output of the control block that no block of the top reads"),
    ("macsec_engine$ctl$tbl", "rxsc$c_slot_valid, key_idx[15:{key}], cmd_index[15:{key}]", "an output of the SC table, and high bits of a key index and of the command's entry index above the largest table's"),
    ("macsec_engine$ctl$csr", "codec$w_cmd_index[15:{sa}]", "high bits of a written entry index that the registers do not read"),
    ("macsec_engine$eg", "beats$r_sop, beats$r_aad, beats$r_mask, tags$r_sop, tags$r_eop, tags$r_aad, tags$r_mask, tags$r_n, tags$count, desc$r_aad, desc$r_mask, desc$r_n, pack$out_aad, pack$out_m3, fmt$out_m0[31:{key}]", "outputs of the shared FIFO and gather blocks that these queues do not carry"),
    ("macsec_engine$ing", "beats$r_sop, beats$r_mask, tags$r_sop, tags$r_eop, tags$r_aad, tags$r_mask, tags$r_n, tags$count, da$r_sop, da$r_eop, da$r_aad, da$r_n, da$count, db$r_sop, db$r_eop, db$r_aad, db$r_mask, db$r_n, db$r_d3, dc$r_valid, dc$r_sop, dc$r_eop, dc$r_aad, dc$r_mask, dc$r_n, dc$count, pack$out_aad, pack$out_m3, fmt$out_m0[31:9], fmt$out_m0[7:{key}]", "outputs of the shared FIFO and gather blocks that these queues do not carry"),
    ("macsec_engine$ctl$csr$codec", "sel[31:28], cmd[15:9], cmd[7:4], d0[15:7], d0[3:2], d8[31:2]", "reserved bits of the SELECT, COMMAND and DATA words"),
    ("macsec_engine$ctl$csr$dec", "addr[1:0], data_off[11:6], data_off[1:0]", "registers are 32-bit words: the byte offset and anything past the DATA window's word index are not decoded"),
    ("macsec_engine$ctl$rxc", "sel_next[31:28]", "reserved bits of COUNTERS.SEL"),
    ("macsec_engine$ctl$tbl$rxsa", "c_d0[15:1], take_spec[30:0]", "bits of an RX SA's first DATA word that this table does not hold, and of a speculative lowest PN below the 33 that `recover` reads"),
    ("macsec_engine$ctl$tbl$txsa", "c_d0[15:2]", "bits of a TX SA's first DATA word that this table does not hold"),
    ("macsec_engine$eg$back", "c_d0, c_d1, c_d2, c_d3, t_d0, t_d1, t_d2, t_d3, ds_an[31:2]", "inputs of the shared back-end port list that the egress back end does not read"),
    ("macsec_engine$ing$back", "ds_flags[31:11], ds_an[31:2], ds_slot[31:{sc}]", "high bits of descriptor words wider than their fields"),
    ("macsec_engine$ing$head", "xd[129]", "the second beat's start flag: only the head beat's is read"),
    ("macsec_engine$ing$front$icv", "sh[127:0]", "the low half of the shifter holds the octets shifted out"),
    ("macsec_engine$ing$front$parse", "b0d1[31:16], t[7:2]", "octets of the first beat before the SecTAG, and the TCI flags (read from b0d3 directly; t gives the AN)"),
];

/// Modules whose rust-hdl enum declarations are not used in them: (module, why).
const ENUMS: &[(&str, &str)] = &[
    (
        "macsec_engine$ctl$csr$win",
        "the DATA window's state register: rust-hdl declares the enum's values where it is held",
    ),
    (
        "macsec_engine$ctl$csr",
        "the window's state is held here and its next state decided in the window block (wc), so two of its values are not named here",
    ),
];

/// Add the waivers to a module's text (`name` is its module name).
pub fn apply(name: &str, module: &mut String) {
    if let Some((_, why)) = ENUMS.iter().find(|(m, _)| *m == name) {
        if let Some(at) = module.find("    // Enums\n") {
            // The declarations end at the first line after the comment that is not one.
            let mut end = at + "    // Enums\n".len();
            while module[end..].starts_with("    localparam ") {
                end += module[end..]
                    .find('\n')
                    .map_or(module.len() - end, |e| e + 1);
            }
            module.insert_str(end, "    /* verilator lint_on UNUSEDPARAM */\n");
            module.insert_str(
                at,
                &format!("    /* verilator lint_off UNUSEDPARAM */  // {why}\n"),
            );
        }
    }
    for (n, (_, sigs, why)) in UNUSED.iter().filter(|(m, ..)| *m == name).enumerate() {
        let sigs = sigs
            .replace("{key}", &KEY_BITS.to_string())
            .replace("{sa}", &SA_BITS.to_string())
            .replace("{sc}", &SC_BITS.to_string());
        if let Some(at) = module.rfind("endmodule") {
            module.insert_str(
                at,
                &format!("/* verilator lint_off UNUSEDSIGNAL */ wire _unused{n} = &{{1'b0, {sigs}}}; /* verilator lint_on UNUSEDSIGNAL */  // {why}\n"),
            );
        }
    }
}
