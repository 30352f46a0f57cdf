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
            // A date past the exam, said as such, with the setting that brings it sooner
            // (`recall config set new_per_day exam`); short enough for 80 columns.
            (None, Some(last)) if plan.exam_date.as_ref().is_some_and(|exam| last > exam) => {
                Some(format!(
                    "{} new a day: the last on {last}, after the exam. Sooner: new_per_day exam",
                    plan.pacing.per_day
                ))
            }
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

#[cfg(test)]
mod tests {
    use super::*;
    use recall::study::plan::Pacing;

    fn plan(exam: Option<&str>, last: &str) -> Plan {
        Plan {
            exam_date: exam.map(str::to_string),
            days_to_exam: exam.map(|_| 20),
            reviews: 0,
            learning: 0,
            new: 20,
            pacing: Pacing {
                per_day: 20,
                paced_by_exam: false,
                note: None,
            },
            answers: 20,
            seconds_per_answer: 8.0,
            from_history: false,
            estimate_ms: 160_000,
            unseen: 300,
            last_new_card: Some(last.to_string()),
        }
    }

    /// Walk-through: with the exam on 2026-12-20 Home said "the last one is seen on
    /// 2026-12-30" and nothing more; a newcomer reads a date past the exam without being told
    /// that it is past, nor how to bring the cards in sooner.
    #[test]
    fn a_last_new_card_after_the_exam_says_so_and_how_to_pace_by_the_exam() {
        let line = PlanLines::of(&plan(Some("2026-12-20"), "2026-12-30"))
            .new_cards
            .expect("a line");
        assert!(line.contains("after the exam"), "{line}");
        assert!(line.contains("new_per_day exam"), "{line}");
        // Before the exam, or with no exam, the line stays as it was.
        let before = PlanLines::of(&plan(Some("2026-12-20"), "2026-12-10")).new_cards;
        assert_eq!(
            before.as_deref(),
            Some("At 20 new cards a day, the last one is seen on 2026-12-10.")
        );
        let none = PlanLines::of(&plan(None, "2026-12-30")).new_cards;
        assert_eq!(
            none.as_deref(),
            Some("At 20 new cards a day, the last one is seen on 2026-12-30.")
        );
    }
}
