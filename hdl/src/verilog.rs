//! The core's Verilog, and replaying a simulation in Icarus Verilog: every cycle's inputs go to
//! a stimulus file, a generated testbench applies them to the generated Verilog and prints the
//! outputs after each rising edge in the same format as [`trace_line`], and the two traces must
//! be equal line for line.

use std::path::Path;
use std::process::Command;

use rust_hdl::prelude::*;

use crate::core_sim::Observed;
use crate::gcm_core::GcmCore;

/// The core as Verilog (top module `top`).
pub fn core_verilog() -> String {
    let mut uut = GcmCore::new();
    uut.connect_all();
    generate_verilog(&uut)
}

/// The whole engine as Verilog, top module `macsec_engine` (rust-hdl names the top `top` and
/// every other module after its path below it).
pub fn engine_verilog() -> String {
    let mut uut = crate::engine::top::MacsecEngine::new();
    uut.connect_all();
    let v = generate_verilog(&uut);
    let v = v.replace("module top(", "module macsec_engine(");
    // The one waiver about the file rather than its contents: Verilator wants one module per
    // file, and the engine is exported as one file.
    format!(
        "/* verilator lint_off DECLFILENAME */  // the engine and all its submodules are one file\n{}",
        crate::verilog_tidy::tidy(&v.replace("top$", "macsec_engine$"))
    )
}

/// The engine behind AXI4-Lite and AXI4-Stream, top module `macsec_engine_axi`: the wrapper's
/// modules only. They instantiate `macsec_engine` itself, so a design (and every simulation of
/// this top) takes both files, and the engine inside is the very text of `macsec_engine.v`.
pub fn engine_axi_verilog() -> String {
    let mut uut = crate::engine::axi::top::MacsecEngineAxi::new();
    uut.connect_all();
    let v = generate_verilog(&uut)
        .replace("top$engine", "macsec_engine")
        .replace("module top(", "module macsec_engine_axi(")
        .replace("top$", "macsec_engine_axi$");
    let v = crate::verilog_tidy::tidy(&v);
    let mut out = String::from(
        "/* verilator lint_off DECLFILENAME */  // the wrapper and its submodules are one file (with macsec_engine.v beside it)\n",
    );
    for (i, m) in v.split("\nmodule ").enumerate() {
        if i == 0 {
            continue;
        }
        let name = m.split('(').next().unwrap_or("");
        if name == "macsec_engine" || name.starts_with("macsec_engine$") {
            continue;
        }
        out.push_str("\nmodule ");
        out.push_str(m);
    }
    out
}

/// The inputs of the core, in stimulus order: (name, width).
pub const INPUTS: &[(&str, usize)] = &[
    ("reset", 1),
    ("key_valid", 1),
    ("key_id", 7),
    ("key_256", 1),
    ("key0", 32),
    ("key1", 32),
    ("key2", 32),
    ("key3", 32),
    ("key4", 32),
    ("key5", 32),
    ("key6", 32),
    ("key7", 32),
    ("in_valid", 1),
    ("in_sop", 1),
    ("in_eop", 1),
    ("in_aad", 1),
    ("in_decrypt", 1),
    ("in_mask", 16),
    ("in_key", 7),
    ("in_iv0", 32),
    ("in_iv1", 32),
    ("in_iv2", 32),
    ("in_d0", 32),
    ("in_d1", 32),
    ("in_d2", 32),
    ("in_d3", 32),
    ("out_ready", 1),
];

fn stim_bits() -> usize {
    INPUTS.iter().map(|i| i.1).sum()
}

/// The inputs as they will be sampled at the next edge (their `next` values), as one hex line.
pub fn stimulus_line(u: &GcmCore) -> String {
    let b = |x: bool| x as u64;
    let v: [u64; 27] = [
        b(u.reset.next),
        b(u.key_valid.next),
        u.key_id.next.index() as u64,
        b(u.key_256.next),
        u.key0.next.to_u64(),
        u.key1.next.to_u64(),
        u.key2.next.to_u64(),
        u.key3.next.to_u64(),
        u.key4.next.to_u64(),
        u.key5.next.to_u64(),
        u.key6.next.to_u64(),
        u.key7.next.to_u64(),
        b(u.in_valid.next),
        b(u.in_sop.next),
        b(u.in_eop.next),
        b(u.in_aad.next),
        b(u.in_decrypt.next),
        u.in_mask.next.index() as u64,
        u.in_key.next.index() as u64,
        u.in_iv0.next.to_u64(),
        u.in_iv1.next.to_u64(),
        u.in_iv2.next.to_u64(),
        u.in_d0.next.to_u64(),
        u.in_d1.next.to_u64(),
        u.in_d2.next.to_u64(),
        u.in_d3.next.to_u64(),
        b(u.out_ready.next),
    ];
    // Concatenate MSB first into a bit string, then hex.
    let mut bits = String::with_capacity(stim_bits());
    for ((_, w), x) in INPUTS.iter().zip(v) {
        bits += &format!("{x:0w$b}", w = *w);
    }
    let pad = (4 - bits.len() % 4) % 4;
    let bits = "0".repeat(pad) + &bits;
    bits.as_bytes()
        .chunks(4)
        .map(|c| {
            let n = c.iter().fold(0u8, |a, &d| (a << 1) | (d - b'0'));
            char::from_digit(n as u32, 16).unwrap_or('0')
        })
        .collect()
}

/// The outputs after an edge, one line (the testbench prints the same format).
pub fn trace_line(o: &Observed) -> String {
    let b = |x: bool| if x { '1' } else { '0' };
    format!(
        "{}{}{}{}{}{} {:04x} {:08x}{:08x}{:08x}{:08x} {} {:08x}{:08x}{:08x}{:08x}",
        b(o.in_ready),
        b(o.key_ready),
        b(o.out_valid),
        b(o.out_sop),
        b(o.out_eop),
        b(o.out_aad),
        o.out_mask,
        o.out_data[0],
        o.out_data[1],
        o.out_data[2],
        o.out_data[3],
        b(o.tag_valid),
        o.tag[0],
        o.tag[1],
        o.tag[2],
        o.tag[3]
    )
}

/// A testbench applying `cycles` stimulus lines from `stim.hex` to `top`.
pub fn testbench(cycles: usize) -> String {
    let w = stim_bits();
    let regs: String = INPUTS
        .iter()
        .map(|(n, w)| {
            if *w == 1 {
                format!("reg {n};\n")
            } else {
                format!("reg [{}:0] {n};\n", w - 1)
            }
        })
        .collect();
    let unpack: Vec<&str> = INPUTS.iter().map(|i| i.0).collect();
    let ports: Vec<String> = INPUTS
        .iter()
        .map(|i| i.0)
        .chain([
            "clock",
            "key_ready",
            "in_ready",
            "out_valid",
            "out_sop",
            "out_eop",
            "out_aad",
            "out_mask",
            "out_d0",
            "out_d1",
            "out_d2",
            "out_d3",
            "tag_valid",
            "tag0",
            "tag1",
            "tag2",
            "tag3",
        ])
        .map(|n| format!(".{n}({n})"))
        .collect();
    format!(
        r#"`timescale 1ns/1ps
module tb;
reg clock;
{regs}wire key_ready, in_ready, out_valid, out_sop, out_eop, out_aad, tag_valid;
wire [15:0] out_mask;
wire [31:0] out_d0, out_d1, out_d2, out_d3, tag0, tag1, tag2, tag3;
top dut({ports});
reg [{wm1}:0] stim [0:{cm1}];
integer c;
initial begin
  $readmemh("stim.hex", stim);
  clock = 1'b0;
  for (c = 0; c < {cycles}; c = c + 1) begin
    {{{unpack}}} = stim[c];
    #5 clock = 1'b1;
    #1 $display("%b%b%b%b%b%b %h %h%h%h%h %b %h%h%h%h", in_ready, key_ready, out_valid, out_sop, out_eop, out_aad,
                out_mask, out_d0, out_d1, out_d2, out_d3, tag_valid, tag0, tag1, tag2, tag3);
    #4 clock = 1'b0;
  end
  $finish;
end
endmodule
"#,
        wm1 = w - 1,
        cm1 = cycles.max(1) - 1,
        unpack = unpack.join(", "),
        ports = ports.join(", "),
    )
}

/// Run the Verilog of the core on the stimulus in Icarus; the printed trace lines and the
/// simulated cycles per second.
pub fn run_icarus(dir: &Path, stimulus: &[String]) -> Result<(Vec<String>, f64), String> {
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    std::fs::write(dir.join("core.v"), core_verilog()).map_err(|e| e.to_string())?;
    std::fs::write(dir.join("tb.v"), testbench(stimulus.len())).map_err(|e| e.to_string())?;
    std::fs::write(dir.join("stim.hex"), stimulus.join("\n") + "\n").map_err(|e| e.to_string())?;
    let out = Command::new("iverilog")
        .current_dir(dir)
        .args(["-g2012", "-o", "sim.vvp", "core.v", "tb.v"])
        .output()
        .map_err(|e| format!("iverilog: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "iverilog: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let start = std::time::Instant::now();
    let out = Command::new("vvp")
        .current_dir(dir)
        .args(["-n", "sim.vvp"])
        .output()
        .map_err(|e| format!("vvp: {e}"))?;
    let secs = start.elapsed().as_secs_f64();
    if !out.status.success() {
        return Err(format!("vvp: {}", String::from_utf8_lossy(&out.stderr)));
    }
    let lines: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| !l.starts_with("VCD") && !l.contains("$finish") && !l.is_empty())
        .map(str::to_string)
        .collect();
    Ok((lines, stimulus.len() as f64 / secs))
}
