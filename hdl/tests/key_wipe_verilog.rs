//! The key table's wipe in its Verilog, where the words can be looked at: Icarus runs the
//! exported `KeyRam` alone, writes keys, clears it, and reads the memory itself through the
//! hierarchy (the engine's ports never show the words, by design). Every word must be zero
//! once `wiping` falls, KEY_SLOTS cycles after the clear, and a write meanwhile must be ignored.

use macsec_hdl::engine::key_ram::KeyRam;
use macsec_hdl::engine::params::{KEY_BITS, KEY_SLOTS};
use macsec_model::dev::tool_available;
use rust_hdl::prelude::*;

const TB: &str = r#"`timescale 1ns/1ps
module tb;
reg clock = 1'b0, clear = 1'b0, we = 1'b0, w_256 = 1'b0, w_valid = 1'b0;
reg [KB:0] waddr = 0, raddr = 0;
reg [31:0] w0 = 32'ha5a50000, w1 = 32'ha5a50001, w2 = 32'ha5a50002, w3 = 32'ha5a50003,
           w4 = 32'ha5a50004, w5 = 32'ha5a50005, w6 = 32'ha5a50006, w7 = 32'ha5a50007;
wire [31:0] r0, r1, r2, r3, r4, r5, r6, r7;
wire r_256, r_valid, wiping;
top dut(.clock(clock), .clear(clear), .we(we), .waddr(waddr), .w0(w0), .w1(w1), .w2(w2),
        .w3(w3), .w4(w4), .w5(w5), .w6(w6), .w7(w7), .w_256(w_256), .w_valid(w_valid),
        .raddr(raddr), .r0(r0), .r1(r1), .r2(r2), .r3(r3), .r4(r4), .r5(r5), .r6(r6), .r7(r7),
        .r_256(r_256), .r_valid(r_valid), .wiping(wiping));
always #5 clock = ~clock;
integer i, n, cycles;
initial begin
  we = 1'b1; w_valid = 1'b1;
  waddr = 0; @(posedge clock); #1 waddr = 5; @(posedge clock); #1 waddr = LAST;
  @(posedge clock); #1;
  n = 0;
  for (i = 0; i < SLOTS; i = i + 1) if (dut.mem[i] != 256'd0) n = n + 1;
  $display("written %0d", n);
  we = 1'b0; clear = 1'b1; @(posedge clock); #1 clear = 1'b0;
  $display("wiping %0d", wiping);
  we = 1'b1;
  cycles = 0;
  while (wiping) begin @(posedge clock); #1 cycles = cycles + 1; end
  we = 1'b0;
  $display("cycles %0d", cycles);
  n = 0;
  for (i = 0; i < SLOTS; i = i + 1) if (dut.mem[i] !== 256'd0) n = n + 1;
  $display("nonzero %0d", n);
  $finish;
end
endmodule
"#;

#[test]
fn the_key_tables_verilog_wipes_every_word() {
    if !tool_available("iverilog") {
        return;
    }
    let mut uut = KeyRam::new();
    uut.connect_all();
    let dir = std::env::temp_dir().join(format!("macsec-hdl-key-wipe-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("key_ram.v"), generate_verilog(&uut)).unwrap();
    let tb = TB
        .replace("KB", &(KEY_BITS - 1).to_string())
        .replace("LAST", &(KEY_SLOTS - 1).to_string())
        .replace("SLOTS", &KEY_SLOTS.to_string());
    std::fs::write(dir.join("tb.v"), tb).unwrap();
    let run = |cmd: &str, args: &[&str]| {
        let out = std::process::Command::new(cmd)
            .current_dir(&dir)
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{cmd}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    run(
        "iverilog",
        &["-g2012", "-o", "sim.vvp", "key_ram.v", "tb.v"],
    );
    let out = run("vvp", &["-n", "sim.vvp"]);
    let _ = std::fs::remove_dir_all(&dir);
    let lines: Vec<&str> = out.lines().filter(|l| !l.contains("$finish")).collect();
    assert_eq!(
        lines,
        [
            "written 3".to_string(),
            "wiping 1".into(),
            format!("cycles {KEY_SLOTS}"),
            "nonzero 0".into()
        ],
        "{out}"
    );
}
