//! The MACsec engine as synthesizable rust-hdl RTL: the AES-GCM core first (16 bytes per cycle,
//! fully pipelined), the MACsec logic around it later.

pub mod aes;
pub mod aes_pipeline;
pub mod bench;
pub mod core_sim;
pub mod dff;
pub mod engine;
pub mod gcm_back;
pub mod gcm_core;
pub mod gcm_front;
pub mod gf;
pub mod ghash;
pub mod h_ram;
pub mod key_expander;
pub mod lanes;
pub mod mask_info;
pub mod meta;
pub mod param;
pub mod replay;
pub mod vcd_redact;
pub mod verilog;
pub mod verilog_power_up;
pub mod verilog_tidy;
pub mod verilog_waivers;
