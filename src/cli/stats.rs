//! `recall stats`: the stats screen's figures as text or JSON. Read-only: no lock needed.

use std::process::ExitCode;

use recall::stats::{self, Stats};
use recall::store::Paths;
use recall::study::{plan, Scope};
use recall::text::count;

use super::{open_read_only, CliResult, Clock};
use recall::timefmt::duration;

/// Prints the stats of one deck or all, as text or JSON.
pub fn run(deck: Option<&str>, json: bool, clock: &Clock) -> CliResult {
    let paths = Paths::resolve()?;
    let now = clock.now();
    let opened = open_read_only(&paths, clock)?;
    super::print_warnings(&opened.warnings);
    let col = &opened.collection;
    let scope = match deck {
        None => Scope::All,
        Some(id) => Scope::Deck(super::deck_index(&col.decks, id)?),
    };
    let st = stats::compute(col, &opened.log, &opened.scheduler, scope, now);
    let spa = plan::seconds_per_answer(&opened.log);
    let today = plan::plan(&opened.config, col, &opened.scheduler, now, spa);
    if json {
        /// The stats with today's plan beside them (all decks).
        #[derive(serde::Serialize)]
        struct WithPlan<'a> {
            #[serde(flatten)]
            stats: &'a Stats,
            plan: &'a plan::Plan,
        }
        let both = WithPlan {
            stats: &st,
            plan: &today,
        };
        super::output::write_stdout(super::output::json(&both, true)?.as_bytes())?;
    } else {
        super::output::out(&format!("{}{}", text(&st), plan_text(&today)));
    }
    Ok(ExitCode::SUCCESS)
}

use recall::stats::percent as pct;

/// The figures as plain text (no colour, no control characters: deck titles go through
/// `inert`).
pub fn text(st: &Stats) -> String {
    use std::fmt::Write as _;
    let mut o = String::new();
    let scope = st.deck.as_deref().unwrap_or("all decks");
    let _ = writeln!(o, "recall stats for {scope}, {}", st.today);
    let total: u32 = st.heatmap.reviews.iter().sum();
    let days = st.heatmap.reviews.iter().filter(|&&n| n > 0).count();
    let _ = writeln!(
        o,
        "\nReviews, last {} weeks: {total} on {} (rows Mon..Sun, one column a week)",
        stats::HEATMAP_WEEKS,
        count(days as u64, "day")
    );
    for line in stats::heatmap_rows(&st.heatmap.reviews) {
        let _ = writeln!(o, "  {line}");
    }
    let f = &st.forecast;
    let sum = |n: usize| f.iter().take(n).sum::<u32>();
    let _ = writeln!(
        o,
        "\nDue: today {} · tomorrow {} · next 7 days {} · next 30 days {}",
        f[0],
        f.get(1).copied().unwrap_or(0),
        sum(7),
        sum(30)
    );
    let ret = |r: &stats::Retention| match r.rate {
        Some(rate) => format!("{} ({}/{})", pct(rate), r.passed, r.reviews),
        None => "no reviews".to_string(),
    };
    let _ = writeln!(
        o,
        "True retention: last 7 days {} · last 30 days {} · desired {}",
        ret(&st.retention.last_7_days),
        ret(&st.retention.last_30_days),
        pct(f64::from(st.desired_retention))
    );
    let _ = writeln!(
        o,
        "Streak: {} (longest {}) · time today {} · average {} a day",
        count(st.streak.current, "day"),
        st.streak.longest,
        duration(st.time.today_ms as i64),
        duration(st.time.average_ms_per_day as i64)
    );
    let r = &st.readiness;
    let _ = match &r.exam_date {
        Some(exam) if r.days_left > 0 => writeln!(
            o,
            "\nExam {exam}: {} days left. Predicted recall on exam day: {}",
            r.days_left,
            pct(r.recall)
        ),
        Some(exam) => writeln!(
            o,
            "\nExam {exam} is today or past; predicted recall now: {}",
            pct(r.recall)
        ),
        None => writeln!(
            o,
            "\nNo exam date set (`recall config set exam_date 2026-12-20`); predicted recall now: {}",
            pct(r.recall)
        ),
    };
    // Answers needed are advice towards an exam; without one the column is left out.
    let advice = r.advice(st.desired_retention);
    let needed = |n: u32| match advice {
        Some(_) => format!(" {n:>7}"),
        None => String::new(),
    };
    let _ = writeln!(
        o,
        "\n{:<28} {:>6} {:>6} {:>6} {:>7} {:>8} {:>6} {:>7}{}",
        "DECK",
        "CARDS",
        "NEW",
        "LEARN",
        "REVIEW",
        "RELEARN",
        "SUSP",
        "RECALL",
        if advice.is_some() { "  NEEDED" } else { "" }
    );
    for d in &st.decks {
        let _ = writeln!(
            o,
            "{:<28} {:>6} {:>6} {:>6} {:>7} {:>8} {:>6} {:>7}{}",
            recall::text::inert(&d.id),
            d.cards,
            d.new,
            d.learning,
            d.review,
            d.relearning,
            d.suspended,
            pct(d.recall),
            needed(d.reviews_needed)
        );
    }
    if let Some(advice) = &advice {
        let _ = writeln!(
            o,
            "\n{}{}. (NEEDED: answers per deck, answering Good, new cards started now.)",
            advice[..1].to_uppercase(),
            &advice[1..]
        );
    }
    if r.days_left > 0 {
        let _ = writeln!(
            o,
            "The exam date brought {} review cards forward to come back on exam day.",
            r.brought_forward_by_exam
        );
    }
    o
}

/// Today's plan for all decks: the work, about how long it takes, and the new-card pace.
pub fn plan_text(p: &plan::Plan) -> String {
    use std::fmt::Write as _;
    let mut o = String::new();
    let exam = match p.days_to_exam {
        Some(0) => "Exam today · ".to_string(),
        Some(days) => format!("Exam in {} · ", count(u64::from(days), "day")),
        None => String::new(),
    };
    let basis = if p.from_history {
        format!("{:.0} s an answer, your average", p.seconds_per_answer)
    } else {
        format!(
            "{:.0} s an answer until you have answered some",
            p.seconds_per_answer
        )
    };
    let today = if exam.is_empty() { "Today" } else { "today" };
    let _ = writeln!(
        o,
        "\n{exam}{today}, all decks: {} + {} + {} ≈ {} ({basis})",
        count(p.reviews as u64, "review"),
        count(p.learning as u64, "learning card"),
        count(p.new as u64, "new card"),
        duration(p.estimate_ms)
    );
    let pace = if p.pacing.paced_by_exam {
        format!("{} a day, paced by the exam date", p.pacing.per_day)
    } else {
        format!("{} a day", p.pacing.per_day)
    };
    let last = match &p.last_new_card {
        Some(day) => format!("; the last of {} unseen is seen on {day}", p.unseen),
        None if p.unseen == 0 => "; every card has been seen".to_string(),
        None => String::new(),
    };
    let _ = writeln!(o, "New cards: {pace}{last}.");
    if let Some(note) = &p.pacing.note {
        let _ = writeln!(o, "Note: {}.", recall::text::inert(note));
    }
    o
}
