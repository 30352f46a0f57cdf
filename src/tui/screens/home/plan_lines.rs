//! Home's plan lines: `plan::plan` in words (the countdown, today's work and its minutes,
//! when the last new card is seen), made once when Home opens.

use recall::study::plan::Plan;
use recall::text::count;
use recall::timefmt::minutes_words;

/// Today's plan and the countdown as Home says them, made when Home opens (`plan::plan` walks
/// every card, so never per frame): a long and a short form of the top line, and the line on
/// new cards under the table.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PlanLines {
    /// "Exam in 20 days · today: 63 reviews + 14 new ≈ 25 min".
    pub long: String,
    /// "Exam in 20 days · 63 + 14 new ≈ 25 min", for narrow terminals.
    pub short: String,
    /// When the last new card will be seen, or why the exam pace could not be followed.
    pub new_cards: Option<String>,
}

impl PlanLines {
    /// The plan in words.
    pub fn of(plan: &Plan) -> PlanLines {
        let reviews = plan.reviews + plan.learning;
        let mins = (plan.estimate_ms + 59_999) / 60_000;
        let about = minutes_words(u32::try_from(mins).unwrap_or(u32::MAX));
        let (long_today, short_today) = if reviews + plan.new == 0 {
            ("nothing due today".to_string(), "nothing due".to_string())
        } else if reviews == 0 {
            (
                format!("today: {} new ≈ {about}", plan.new),
                format!("{} new ≈ {about}", plan.new),
            )
        } else {
            (
                format!(
                    "today: {} + {} new ≈ {about}",
                    count(reviews as u64, "review"),
                    plan.new
                ),
                format!("{reviews} + {} new ≈ {about}", plan.new),
            )
        };
        let exam = match plan.days_to_exam {
            Some(0) => Some("Exam today".to_string()),
            Some(1) => Some("Exam tomorrow".to_string()),
            Some(d) => Some(format!("Exam in {d} days")),
            None => None,
        };
        let (long, short) = match exam {
            Some(e) => (
                format!("{e} · {long_today}"),
                format!("{e} · {short_today}"),
            ),
            None => (
                format!("{long_today} · x: set your exam date"),
                format!("{short_today} · x: exam date"),
            ),
        };
        let new_cards = match (&plan.pacing.note, &plan.last_new_card) {
            // The core's note names the command line; here the key does it.
            (Some(_), _) if plan.exam_date.is_none() => Some(format!(
                "new_per_day = \"exam\" needs an exam date (x); until then {} a day.",
                plan.pacing.per_day
            )),
            (Some(note), _) => Some(note.clone()),
            (None, Some(last)) if plan.pacing.paced_by_exam => Some(format!(
                "New cards follow the exam: {} a day, the last one on {last}.",
                plan.pacing.per_day
            )),
            (None, Some(last)) => Some(format!(
                "At {} new cards a day, the last one is seen on {last}.",
                plan.pacing.per_day
            )),
            (None, None) => None,
        };
        PlanLines {
            long,
            short,
            new_cards,
        }
    }
}
