"""Writes a tutorial project (exam app models) with ROWS questions into DIR/default.db, as sakyum's
SQLAlchemy would store them. usage: make_db.py DIR ROWS"""
import datetime
import os
import sqlite3
import sys

directory, rows = sys.argv[1], int(sys.argv[2])
os.makedirs(os.path.join(directory, "exam"), exist_ok=True)
with open(os.path.join(directory, "project.yaml"), "w") as f:
    f.write("name: bench\nblueprints: [default, errors, auth, base, exam]\n")
with open(os.path.join(directory, "exam", "models.yaml"), "w") as f:
    f.write("""ExamQuestionModel:
  str: "{{ question_text }}"
  fields:
    id: {type: integer, primary_key: true}
    date_posted: {type: datetime, nullable: false, default: now, index: true}
    user_id: {type: integer, foreign_key: user.id}
    question_text: {type: text, nullable: false}
  relationships:
    user: {model: User, backref: exam_questions}
""")
db = sqlite3.connect(os.path.join(directory, "default.db"))
db.executescript("""
CREATE TABLE user (id INTEGER NOT NULL, date_joined DATETIME, username VARCHAR(20) NOT NULL,
  user_img VARCHAR(255), email VARCHAR(120) NOT NULL, password VARCHAR(255) NOT NULL, authenticated BOOLEAN,
  is_superuser BOOLEAN, is_admin BOOLEAN, PRIMARY KEY (id), UNIQUE (username), UNIQUE (email));
CREATE TABLE exam_question_model (id INTEGER NOT NULL, date_posted DATETIME NOT NULL, user_id INTEGER,
  question_text TEXT NOT NULL, PRIMARY KEY (id), FOREIGN KEY(user_id) REFERENCES user (id));
CREATE INDEX ix_exam_question_model_date_posted ON exam_question_model (date_posted);
""")
db.execute("INSERT INTO user VALUES (1, '2024-01-01 00:00:00.000000', 'ada', 'default_img.png', 'ada@example.com', 'x', 0, 1, 1)")
start = datetime.datetime(2024, 1, 1)
db.executemany("INSERT INTO exam_question_model VALUES (?, ?, 1, ?)", [
    (i, (start + datetime.timedelta(minutes=i)).strftime("%Y-%m-%d %H:%M:%S.%f"), f"Question number {i}: what is {i} + {i}?")
    for i in range(1, rows + 1)])
db.commit()
