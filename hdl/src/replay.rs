//! Replaying a rust-hdl simulation in Icarus Verilog, for any block: every cycle's inputs (as
//! sampled at the rising edge) and outputs (after it) are recorded as binary lines, a generated
//! testbench applies the inputs to the generated Verilog and prints the outputs in the same
//! format, and the two traces must be equal line for line. This is what makes the hand-written
//! Verilog bodies of the leaves trustworthy.

use std::path::Path;
use std::process::Command;

/// A port of the block under test: its Verilog name and width in bits (at most 64).
#[derive(Clone, Copy, Debug)]
pub struct Port {
    pub name: &'static str,
    pub width: usize,
}

pub const fn port(name: &'static str, width: usize) -> Port {
    Port { name, width }
}

/// The recorded cycles of one simulation.
#[derive(Debug, Default)]
pub struct Trace {
    pub inputs: Vec<Port>,
    pub outputs: Vec<Port>,
    pub stim: Vec<String>,
    pub seen: Vec<String>,
}

fn bin(ports: &[Port], vals: &[u64], sep: &str) -> String {
    ports
        .iter()
        .zip(vals)
        .map(|(p, v)| {
            let v = if p.width < 64 {
                v & ((1u64 << p.width) - 1)
            } else {
                *v
            };
            format!("{:0w$b}", v, w = p.width)
        })
        .collect::<Vec<_>>()
        .join(sep)
}

impl Trace {
    pub fn new(inputs: &[Port], outputs: &[Port]) -> Trace {
        Trace {
            inputs: inputs.to_vec(),
            outputs: outputs.to_vec(),
            ..Default::default()
        }
    }

    /// One cycle: the inputs the edge sampled and the outputs after it, in port order.
    pub fn record(&mut self, ins: &[u64], outs: &[u64]) {
        self.stim.push(bin(&self.inputs, ins, ""));
        self.seen.push(bin(&self.outputs, outs, " "));
    }

    /// A testbench driving module `top` from `stim.bin`, one line per cycle.
    pub fn testbench(&self, top: &str) -> String {
        let decl = |p: &Port, kind: &str| {
            if p.width == 1 {
                format!("{kind} {};\n", p.name)
            } else {
                format!("{kind} [{}:0] {};\n", p.width - 1, p.name)
            }
        };
        let regs: String = self.inputs.iter().map(|p| decl(p, "reg")).collect();
        let wires: String = self.outputs.iter().map(|p| decl(p, "wire")).collect();
        let ports: Vec<String> = self
            .inputs
            .iter()
            .chain(&self.outputs)
            .map(|p| format!(".{0}({0})", p.name))
            .chain(["clock".to_string()].map(|c| format!(".{c}({c})")))
            .collect();
        let w: usize = self.inputs.iter().map(|p| p.width).sum();
        let names: Vec<&str> = self.inputs.iter().map(|p| p.name).collect();
        let fmt: Vec<&str> = self.outputs.iter().map(|_| "%b").collect();
        let outs: Vec<&str> = self.outputs.iter().map(|p| p.name).collect();
        let n = self.stim.len();
        format!(
            "`timescale 1ns/1ps
module tb;
reg clock;
{regs}{wires}{top} dut({ports});
reg [{wm1}:0] stim [0:{nm1}];
integer c;
initial begin
  $readmemb(\"stim.bin\", stim);
  clock = 1'b0;
  for (c = 0; c < {n}; c = c + 1) begin
    {{{names}}} = stim[c];
    #5 clock = 1'b1;
    #1 $display(\"{fmt}\", {outs});
    #4 clock = 1'b0;
  end
  $finish;
end
endmodule
",
            ports = ports.join(", "),
            wm1 = w - 1,
            nm1 = n.max(1) - 1,
            names = names.join(", "),
            fmt = fmt.join(" "),
            outs = outs.join(", "),
        )
    }

    /// Run `verilog` (top module `top`) in Icarus on the recorded inputs; Ok(cycles per second)
    /// when every printed line equals the recorded one, otherwise the first difference.
    pub fn replay_in_icarus(&self, dir: &Path, verilog: &str, top: &str) -> Result<f64, String> {
        let io = |e: std::io::Error| format!("{}: {e}", dir.display());
        std::fs::create_dir_all(dir).map_err(io)?;
        std::fs::write(dir.join("dut.v"), verilog).map_err(io)?;
        std::fs::write(dir.join("tb.v"), self.testbench(top)).map_err(io)?;
        std::fs::write(dir.join("stim.bin"), self.stim.join("\n") + "\n").map_err(io)?;
        let out = Command::new("iverilog")
            .current_dir(dir)
            .args(["-g2012", "-o", "sim.vvp", "dut.v", "tb.v"])
            .output()
            .map_err(|e| format!("iverilog: {e}"))?;
        if !out.status.success() {
            return Err(format!(
                "iverilog: {}",
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        let start = std::time::Instant::now();
        let out = run_limited(
            Command::new("vvp").current_dir(dir).args(["-n", "sim.vvp"]),
            std::time::Duration::from_secs(VVP_LIMIT_SECS),
        )?;
        let secs = start.elapsed().as_secs_f64();
        if !out.status.success() {
            return Err(format!("vvp: {}", String::from_utf8_lossy(&out.stderr)));
        }
        let text = String::from_utf8_lossy(&out.stdout);
        let lines: Vec<&str> = text
            .lines()
            .filter(|l| !l.is_empty() && !l.contains("$finish") && !l.starts_with("VCD"))
            .collect();
        for (i, (want, got)) in self.seen.iter().zip(&lines).enumerate() {
            if want != got {
                let diff: Vec<String> = self
                    .outputs
                    .iter()
                    .zip(want.split(' ').zip(got.split(' ')))
                    .filter(|(_, (a, b))| a != b)
                    .map(|(p, (a, b))| format!("{}: rust-hdl {a}, Icarus {b}", p.name))
                    .collect();
                return Err(format!("cycle {i}: {}", diff.join("; ")));
            }
        }
        if lines.len() != self.seen.len() {
            return Err(format!(
                "Icarus printed {} lines for {} cycles",
                lines.len(),
                self.seen.len()
            ));
        }
        Ok(self.seen.len() as f64 / secs)
    }
}

/// How long a replay may run: a zero-delay loop in the Verilog (a glitch chased around a
/// combinational path) makes Icarus spin without advancing time.
const VVP_LIMIT_SECS: u64 = 300;

/// Run a command to completion, or kill it after `limit`.
fn run_limited(
    cmd: &mut Command,
    limit: std::time::Duration,
) -> Result<std::process::Output, String> {
    use std::io::Read;
    let mut child = cmd
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| format!("vvp: {e}"))?;
    // Drain stdout on a thread so a long replay cannot fill the pipe and stall.
    let mut stdout = child.stdout.take().ok_or("vvp: no stdout")?;
    let reader = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = stdout.read_to_end(&mut v);
        v
    });
    let deadline = std::time::Instant::now() + limit;
    let status = loop {
        match child.try_wait().map_err(|e| format!("vvp: {e}"))? {
            Some(st) => break st,
            None if std::time::Instant::now() > deadline => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "vvp did not finish within {} s (a zero-delay loop in the Verilog?)",
                    limit.as_secs()
                ));
            }
            None => std::thread::sleep(std::time::Duration::from_millis(20)),
        }
    };
    let mut stderr = Vec::new();
    if let Some(mut e) = child.stderr.take() {
        let _ = e.read_to_end(&mut stderr);
    }
    let stdout = reader
        .join()
        .map_err(|_| "vvp: reader failed".to_string())?;
    Ok(std::process::Output {
        status,
        stdout,
        stderr,
    })
}
