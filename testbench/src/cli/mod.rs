//! The `macsec` command line: one file per subcommand.

mod bench;
mod bench_card;
mod bench_core;
mod bench_device;
mod bench_engine;
mod bench_lab;
mod bench_synth;
mod card;
mod compare;
mod conformance;
mod frames;
mod regmap;
mod secy_args;
mod serve;
mod served_card;
mod sim;
mod verilog;

use clap::{Parser, Subcommand};

use crate::error::CliError;

pub use secy_args::SecyArgs;

#[derive(Debug, Parser)]
#[command(
    name = "macsec",
    version,
    about = "IEEE 802.1AE MACsec golden model, simulated cards and testbench",
    long_about = "IEEE 802.1AE MACsec golden model, simulated cards and testbench.\n\n\
        Without a command, macsec runs the default lab on the rust-hdl card (the options below are \
        those of `macsec lab`; the wire traffic goes to lab.pcap).",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// The lab's options, when no command is given.
    #[command(flatten)]
    pub lab: crate::lab::LabArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Protect every frame of IN.pcap (Secure Frame Generation) and write OUT.pcap.
    Protect(frames::FramesArgs),
    /// Validate every frame of IN.pcap (Secure Frame Verification); write the delivered frames.
    Validate(frames::FramesArgs),
    /// Measure the SecY against the raw AEAD on the same buffers.
    Bench(bench::BenchArgs),
    /// Print the card's register map (Markdown, C header or JSON).
    Regmap(regmap::RegmapArgs),
    /// Program a card (simulated or VFIO) and move frames through it with the driver.
    Card(card::CardArgs),
    /// Hold the rust-hdl engine against the golden model, frame by frame and counter by counter.
    Sim(sim::SimArgs),
    /// Write the generated Verilog of the RTL.
    Verilog(verilog::VerilogArgs),
    /// Two simulated cards back to back under the driver, compared with the golden model.
    Lab(crate::lab::LabArgs),
    /// The driver's conformance suite on served cards, through VFIO or vfio-user.
    Conformance(conformance::ConformanceArgs),
    /// Compare the frames of two captures (timestamps aside): exit 0 when all are equal.
    Compare(compare::CompareArgs),
    /// Serve simulated cards as PCI functions over vfio-user (QEMU's vfio-user-pci, or the
    /// driver's vfio-user: device).
    Serve(serve::ServeArgs),
}

pub fn run(cli: Cli) -> Result<(), CliError> {
    let Some(command) = cli.command else {
        return crate::lab::run(&cli.lab.default_job());
    };
    match command {
        Command::Protect(a) => frames::run(frames::Direction::Protect, &a),
        Command::Validate(a) => frames::run(frames::Direction::Validate, &a),
        Command::Bench(a) => bench::run(&a),
        Command::Regmap(a) => regmap::run(&a),
        Command::Lab(a) => crate::lab::run(&a),
        Command::Card(a) => card::run(&a),
        Command::Verilog(a) => verilog::run(&a),
        Command::Sim(a) => sim::run(&a),
        Command::Serve(a) => serve::run(&a),
        Command::Compare(a) => compare::run(&a),
        Command::Conformance(a) => conformance::run(&a),
    }
}
