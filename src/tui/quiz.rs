//! The quiz screens' state and how actions change it: setup, questions, results, mistakes.
//!
//! All the judging lives in `recall::quiz`; this only moves between questions, collects
//! answers and key presses, and saves the finished attempt.

use recall::quiz::{self, Attempt, AttemptSink, Quiz, QuizMode, QuizResult, QuizSpec, Response};
use recall::store::Config;

use super::app::{Action, App, Screen, Status};

/// A full exam's length: the default question count.
pub const EXAM_QUESTIONS: usize = 65;

/// What the quiz needs beyond the collection: where attempts go and the config's rules.
pub struct QuizEnv {
    /// `quizzes.jsonl`; None when nothing was opened (attempts then cannot be saved).
    pub attempts: Option<Box<dyn AttemptSink>>,
    pub pass_mark: f32,
    pub seconds_per_question: u32,
    /// `recall quiz --minutes`: the whole quiz's time, replacing seconds per question.
    pub minutes: Option<u32>,
    /// Started by `recall quiz` from the shell: leaving the quiz or its results ends recall
    /// (back to the shell the user came from) instead of opening the deck list.
    pub exit_when_done: bool,
}

impl Default for QuizEnv {
    fn default() -> Self {
        let c = Config::default();
        QuizEnv {
            attempts: None,
            pass_mark: c.pass_mark,
            seconds_per_question: c.seconds_per_question,
            minutes: None,
            exit_when_done: false,
        }
    }
}

/// The small form before a quiz: which decks, how many questions, which mode.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuizSetupState {
    /// The row being changed: one per deck, then the count, then the mode.
    pub focus: usize,
    /// Per deck (collection order): whether it is in the quiz.
    pub chosen: Vec<bool>,
    /// Per deck: how many questions it can give.
    pub per_deck: Vec<usize>,
    pub count: usize,
    pub mode: QuizMode,
    /// How many questions the chosen decks can give together.
    pub available: usize,
}

impl QuizSetupState {
    /// The row of the question count (the mode's row follows it).
    pub fn count_row(&self) -> usize {
        self.chosen.len()
    }

    /// The chosen decks as a quiz spec wants them: empty when every deck that has questions
    /// is chosen (the others add nothing).
    pub fn decks(&self) -> Vec<usize> {
        if self.all_chosen() {
            return Vec::new();
        }
        (0..self.chosen.len()).filter(|&d| self.chosen[d]).collect()
    }

    /// Whether a deck can be in a quiz: a deck without questions never is.
    pub fn can_choose(&self, deck: usize) -> bool {
        self.per_deck.get(deck).is_some_and(|&n| n > 0)
    }

    fn all_chosen(&self) -> bool {
        (0..self.chosen.len()).all(|d| self.chosen[d] || !self.can_choose(d))
    }

    fn recount(&mut self) {
        self.available = (0..self.chosen.len())
            .filter(|&d| self.chosen[d])
            .map(|d| self.per_deck[d])
            .sum();
        self.count = self.available.min(EXAM_QUESTIONS);
    }
}

/// Which question the user is asked to confirm.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Confirm {
    Submit,
    Quit,
}

/// A quiz being taken.
pub struct QuizState {
    pub quiz: Quiz,
    pub title: String,
    /// The question on screen (0-based).
    pub current: usize,
    /// Typing an answer: the text so far.
    pub input: Option<String>,
    pub confirm: Option<Confirm>,
    /// Lines scrolled down in a question too long for its box; another question starts at
    /// the top.
    pub scroll: u16,
}

impl QuizState {
    /// Whether the question on screen is answered by typing (its keys differ).
    pub fn on_typed_question(&self) -> bool {
        self.quiz
            .questions
            .get(self.current)
            .is_some_and(|q| matches!(q.kind, quiz::QuestionKind::Typed { .. }))
    }
}

/// A submitted quiz: its score, whether it is saved, and the mistake being reviewed.
pub struct ResultsState {
    pub quiz: Quiz,
    pub result: QuizResult,
    pub attempt: Attempt,
    pub title: String,
    pub saved: bool,
    /// Cards to mark due (`quiz-miss`), and how many are done.
    pub misses: Vec<String>,
    pub misses_done: usize,
    pub save_error: Option<String>,
    /// Leaving with the attempt unsaved was asked once already.
    pub leave_warned: bool,
    /// Reviewing mistake k (an index into `result.mistakes()`).
    pub review: Option<usize>,
    /// Lines scrolled down in the mistake under review; another mistake starts at the top.
    pub review_scroll: u16,
}

impl ResultsState {
    pub fn fully_saved(&self) -> bool {
        self.saved && self.misses_done >= self.misses.len()
    }
}

impl App {
    /// Sets the quiz rules and where attempts are saved.
    pub fn with_quiz(mut self, env: QuizEnv) -> App {
        self.quiz_env = env;
        self
    }

    /// Home `t`: the quiz setup, every deck chosen, the focus on the question count.
    pub(super) fn open_quiz_setup(&mut self) {
        let decks = &self.collection.decks;
        let per_deck: Vec<usize> = (0..decks.len())
            .map(|d| quiz::available(decks, &[d]))
            .collect();
        let mut setup = QuizSetupState {
            focus: decks.len(),
            chosen: per_deck.iter().map(|&n| n > 0).collect(),
            per_deck,
            count: 0,
            mode: QuizMode::Exam,
            available: 0,
        };
        setup.recount();
        self.screen = Screen::QuizSetup(setup);
    }

    /// Builds a quiz and shows its first question; seeds and time come from the caller.
    pub fn start_quiz(&mut self, spec: QuizSpec, mode: QuizMode) {
        let questions = quiz::build(&self.collection.decks, &spec);
        if questions.is_empty() {
            self.status = Some(Status::error(
                "No questions: these decks have no cards a quiz can ask.",
            ));
            return;
        }
        let title = match spec.decks.as_slice() {
            [] => "All decks".to_string(),
            [d] => self
                .collection
                .decks
                .get(*d)
                .map_or_else(String::new, |d| d.title.clone()),
            many => format!("{} decks", many.len()),
        };
        let env = &self.quiz_env;
        let allowed = Quiz::allowed_ms(questions.len(), env.seconds_per_question, env.minutes);
        let quiz = Quiz::start(questions, mode, spec.seed, self.now, allowed, env.pass_mark);
        self.screen = Screen::Quiz(Box::new(QuizState {
            quiz,
            title,
            current: 0,
            input: None,
            confirm: None,
            scroll: 0,
        }));
    }

    pub(super) fn update_quiz(&mut self, action: Action) {
        match &mut self.screen {
            Screen::QuizSetup(_) => self.update_setup(action),
            Screen::Quiz(_) => self.update_questions(action),
            Screen::Results(_) => self.update_results(action),
            _ => {}
        }
    }

    fn update_setup(&mut self, action: Action) {
        let Screen::QuizSetup(s) = &mut self.screen else {
            return;
        };
        let rows = s.count_row() + 2;
        match action {
            Action::Up => s.focus = (s.focus + rows - 1) % rows,
            Action::Down => s.focus = (s.focus + 1) % rows,
            Action::StudyAll => {
                let all = !s.all_chosen();
                for d in 0..s.chosen.len() {
                    s.chosen[d] = all && s.can_choose(d);
                }
                s.recount();
            }
            Action::Left | Action::Right => {
                let forward = action == Action::Right;
                match s.focus {
                    d if d < s.count_row() && !s.can_choose(d) => {
                        self.status = Some(Status::error(
                            "This deck has no card a quiz can ask: it cannot be chosen.",
                        ));
                    }
                    d if d < s.count_row() => {
                        s.chosen[d] = !s.chosen[d];
                        s.recount();
                    }
                    d if d == s.count_row() => {
                        s.count = if forward {
                            (s.count / 5 * 5 + 5).min(s.available)
                        } else {
                            s.count.saturating_sub(5).max(1).min(s.available)
                        }
                    }
                    _ => {
                        s.mode = match s.mode {
                            QuizMode::Exam => QuizMode::Practice,
                            QuizMode::Practice => QuizMode::Exam,
                        }
                    }
                }
            }
            Action::Open if !s.chosen.contains(&true) => {
                self.status = Some(Status::error("Choose at least one deck (space)."));
            }
            Action::Open => {
                let spec = QuizSpec {
                    decks: s.decks(),
                    count: s.count,
                    // The moment the quiz starts is its seed: a new quiz every time.
                    seed: self.now as u64,
                };
                let mode = s.mode;
                self.start_quiz(spec, mode);
            }
            Action::Back | Action::Quit => self.go_home(self.last_deck),
            _ => {}
        }
    }

    /// The screen's body (without status and footer lines) at the terminal's size: what
    /// scrolling measures a question against, as the study screen does.
    fn body(&self) -> ratatui::layout::Rect {
        ratatui::layout::Rect::new(0, 0, self.size.0, self.size.1.saturating_sub(2))
    }

    fn update_questions(&mut self, action: Action) {
        let now = self.now;
        let limit = match (&self.screen, action) {
            (Screen::Quiz(st), Action::Up | Action::Down) => {
                crate::tui::ui::quiz::question_scroll_limit(st, self.body())
            }
            _ => 0,
        };
        let Screen::Quiz(st) = &mut self.screen else {
            return;
        };
        let n = st.quiz.questions.len();
        // Checked on every action, not only on ticks: keys keep coming while time runs out.
        if st.quiz.expired(now) {
            // An answer being typed when time runs out counts as given.
            if let Some(text) = st.input.take() {
                st.quiz.answer(st.current, Response::Typed(text));
            }
            self.finish_quiz();
            self.status = Some(Status::info("Time is up: the quiz was submitted."));
            return;
        }
        if action == Action::Tick {
            return;
        }
        if let Some(c) = st.confirm {
            match (c, action) {
                (Confirm::Submit, Action::Yes) => self.finish_quiz(),
                (Confirm::Quit, Action::Yes) => {
                    self.leave_quiz();
                    self.status = Some(Status::info("Quiz left: nothing was saved."));
                }
                (_, Action::No | Action::Back) => st.confirm = None,
                _ => {}
            }
            return;
        }
        if let Some(buf) = &mut st.input {
            match action {
                Action::Type(c) => buf.push(c),
                Action::Erase => {
                    buf.pop();
                }
                Action::Open => {
                    let text = std::mem::take(buf);
                    st.input = None;
                    st.quiz.answer(st.current, Response::Typed(text));
                }
                Action::Back => st.input = None,
                Action::Quit => st.confirm = Some(Confirm::Quit),
                _ => {}
            }
            return;
        }
        let i = st.current;
        match action {
            Action::Down => st.scroll = st.scroll.min(limit).saturating_add(1).min(limit),
            Action::Up => st.scroll = st.scroll.min(limit).saturating_sub(1),
            Action::Right => st.current = (i + 1).min(n.saturating_sub(1)),
            Action::Left => st.current = i.saturating_sub(1),
            Action::Pick(k) => st.quiz.toggle_option(i, usize::from(k)),
            Action::Open => {
                let typed = matches!(st.quiz.questions[i].kind, quiz::QuestionKind::Typed { .. });
                if typed && !st.quiz.is_locked(i) {
                    let old = match &st.quiz.answers[i] {
                        Some(Response::Typed(t)) => t.clone(),
                        _ => String::new(),
                    };
                    st.input = Some(old);
                } else {
                    st.current = (i + 1).min(n.saturating_sub(1));
                }
            }
            Action::Flag => st.quiz.toggle_flag(i),
            Action::Submit => st.confirm = Some(Confirm::Submit),
            Action::Back | Action::Quit => st.confirm = Some(Confirm::Quit),
            _ => {}
        }
        if st.current != i {
            st.scroll = 0;
        }
    }

    /// Back to the deck list, or out of recall when the quiz was started from the shell.
    fn leave_quiz(&mut self) {
        if self.quiz_env.exit_when_done {
            self.quit = true;
        } else {
            self.go_home(self.last_deck);
        }
    }

    /// Scores the quiz on screen, shows the results and saves the attempt.
    fn finish_quiz(&mut self) {
        let home = Screen::Home(super::app::HomeState::default());
        let Screen::Quiz(st) = std::mem::replace(&mut self.screen, home) else {
            return;
        };
        let QuizState { quiz, title, .. } = *st;
        let result = quiz.submit(self.now);
        let attempt = Attempt::new(&quiz, &result);
        let misses = attempt.missed.clone();
        self.screen = Screen::Results(Box::new(ResultsState {
            quiz,
            result,
            attempt,
            title,
            saved: false,
            misses,
            misses_done: 0,
            save_error: None,
            leave_warned: false,
            review: None,
            review_scroll: 0,
        }));
        self.save_results();
    }

    /// Appends a `quiz-miss` per missed card, then the attempt: an attempt on disk always
    /// has all its misses, even if recall is killed mid-save. A failure stops there and `s`
    /// tries again from that point.
    fn save_results(&mut self) {
        let now = self.now;
        let Screen::Results(r) = &mut self.screen else {
            return;
        };
        // Through the tee, so the stats screen sees the misses as the replay will.
        let mut tee = recall::stats::history::Tee {
            inner: self.sink.as_mut(),
            history: &mut self.history,
        };
        let (done, res) = quiz::log_misses(
            &mut self.collection,
            &mut tee,
            &self.scheduler,
            &r.misses[r.misses_done..],
            now,
        );
        r.misses_done += done;
        if let Err(e) = res {
            r.save_error = Some(format!(
                "Not saved: missed cards could not all be marked due: {e}. s tries again."
            ));
            return;
        }
        if !r.saved {
            let res = match self.quiz_env.attempts.as_mut() {
                Some(sink) => sink.append_attempt(&r.attempt).map_err(|e| e.to_string()),
                None => Err("no quiz log is open".to_string()),
            };
            if let Err(e) = res {
                r.save_error = Some(format!("Not saved: {e}. s tries again."));
                return;
            }
            r.saved = true;
        }
        r.save_error = None;
    }

    fn update_results(&mut self, action: Action) {
        let now = self.now;
        let limit = match (&self.screen, action) {
            (Screen::Results(r), Action::Up | Action::Down) => {
                crate::tui::ui::quiz::review_scroll_limit(r, self.body())
            }
            _ => 0,
        };
        let Screen::Results(r) = &mut self.screen else {
            return;
        };
        let reviewed = r.review;
        let mistakes = r.result.mistakes().len();
        match (r.review, action) {
            (_, Action::Save) if !r.fully_saved() => self.save_results(),
            (_, Action::Retake) if mistakes == 0 => {
                self.status = Some(Status::info("Nothing to retake: every answer was right."));
            }
            (_, Action::Retake) if !r.fully_saved() => {
                self.status = Some(Status::error(
                    "Save this attempt first (s), then retake the missed questions.",
                ));
            }
            (_, Action::Retake) => {
                let env = &self.quiz_env;
                let allowed = Quiz::allowed_ms(mistakes, env.seconds_per_question, None);
                let quiz = r.quiz.retake_missed(&r.result, now, allowed);
                let title = format!("{} · retake", r.title.trim_end_matches(" · retake"));
                self.screen = Screen::Quiz(Box::new(QuizState {
                    quiz,
                    title,
                    current: 0,
                    input: None,
                    confirm: None,
                    scroll: 0,
                }));
            }
            (None, Action::Mistakes | Action::Open) if mistakes > 0 => r.review = Some(0),
            (None, Action::Back | Action::Quit) => {
                if r.fully_saved() || r.leave_warned {
                    self.leave_quiz();
                } else {
                    r.leave_warned = true;
                    self.status = Some(Status::error(
                        "This attempt is not saved: s tries again, q again leaves without it.",
                    ));
                }
            }
            (Some(_), Action::Down) => {
                r.review_scroll = r.review_scroll.min(limit).saturating_add(1).min(limit)
            }
            (Some(_), Action::Up) => r.review_scroll = r.review_scroll.min(limit).saturating_sub(1),
            (Some(k), Action::Right | Action::Open) => {
                r.review = Some((k + 1).min(mistakes.saturating_sub(1)))
            }
            (Some(k), Action::Left) => r.review = Some(k.saturating_sub(1)),
            (Some(_), Action::Back | Action::Quit | Action::Mistakes) => r.review = None,
            _ => {}
        }
        if let Screen::Results(r) = &mut self.screen {
            if r.review != reviewed {
                r.review_scroll = 0;
            }
        }
    }
}
