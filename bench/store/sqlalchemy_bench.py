"""The same page as store-bench, the way sakyum's Flask-Admin reads it: an ORM query ordered by
date_posted desc (no tie-breaker, as Flask-Admin) + count, with SQLAlchemy 2 on the same default.db,
and plain sqlite3 as a floor. Single thread, CPython.

usage: sqlalchemy_bench.py DB SECONDS  ->  {"sqlalchemy": pages/s, "sqlite3": pages/s}
"""
import datetime
import json
import sqlite3
import sys
import time

from sqlalchemy import Column, DateTime, ForeignKey, Integer, Text, create_engine, func, select
from sqlalchemy.orm import Session, declarative_base

Base = declarative_base()


class ExamQuestionModel(Base):
    __tablename__ = "exam_question_model"
    id = Column(Integer, primary_key=True)
    date_posted = Column(DateTime, nullable=False, default=datetime.datetime.utcnow)
    user_id = Column(Integer, ForeignKey("user.id"))
    question_text = Column(Text, nullable=False)


def timed(seconds, body):
    done = 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        body(done)
        done += 1
    return done / (time.perf_counter() - start)


def main():
    path, seconds = sys.argv[1], float(sys.argv[2])
    engine = create_engine(f"sqlite:///{path}")
    with Session(engine) as session:
        total = session.scalar(select(func.count()).select_from(ExamQuestionModel))
        pages = max(1, total // 50)

        def orm_page(n):
            rows = session.scalars(
                select(ExamQuestionModel).order_by(ExamQuestionModel.date_posted.desc())
                .limit(50).offset((n % pages) * 50)).all()
            count = session.scalar(select(func.count()).select_from(ExamQuestionModel))
            assert len(rows) == 50 and count == total
            session.expunge_all()

        orm = timed(seconds, orm_page)

    connection = sqlite3.connect(path)

    def raw_page(n):
        rows = connection.execute(
            "SELECT id, date_posted, user_id, question_text FROM exam_question_model "
            "ORDER BY date_posted DESC LIMIT 50 OFFSET ?", ((n % pages) * 50,)).fetchall()
        count = connection.execute("SELECT count(*) FROM exam_question_model").fetchone()[0]
        assert len(rows) == 50 and count == total

    raw = timed(seconds, raw_page)
    print(json.dumps({"sqlalchemy": orm, "sqlite3": raw}))


main()
