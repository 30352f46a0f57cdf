//! config.toml on any bytes: an error naming the file, or a config whose scheduler (if its
//! parameters are accepted) rates a new card without overflowing; never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use recall::schedule::{CardState, Scheduler};
use recall::store::Config;

fuzz_target!(|data: &[u8]| {
    let src = String::from_utf8_lossy(data);
    match Config::parse(&src, "config.toml") {
        Ok(config) => {
            let sched = recall::study::scheduler_config(&config, 0)
                .expect("a validated config has valid steps");
            if let Ok(s) = Scheduler::new(sched) {
                let now = 1_795_428_000_000;
                for o in s.preview(&CardState::NEW, now, 7) {
                    assert!(o.state.due > now, "{o:?}");
                }
            }
        }
        Err(e) => assert!(e.to_string().starts_with("config.toml"), "{e}"),
    }
});
