--
-- PostgreSQL database dump
--



SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: exam_choice_model; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.exam_choice_model (
    id integer NOT NULL,
    date_posted timestamp without time zone NOT NULL,
    question_id integer NOT NULL,
    choice_text character varying(100) NOT NULL
);


--
-- Name: exam_choice_model_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.exam_choice_model_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: exam_choice_model_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.exam_choice_model_id_seq OWNED BY public.exam_choice_model.id;


--
-- Name: exam_question_model; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.exam_question_model (
    id integer NOT NULL,
    date_posted timestamp without time zone NOT NULL,
    user_id integer,
    question_text text NOT NULL
);


--
-- Name: exam_question_model_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.exam_question_model_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: exam_question_model_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.exam_question_model_id_seq OWNED BY public.exam_question_model.id;


--
-- Name: exam_score_model; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.exam_score_model (
    id integer NOT NULL,
    question_id integer NOT NULL,
    points double precision,
    taken_on date,
    details json,
    code character varying(8),
    passed boolean NOT NULL
);


--
-- Name: exam_score_model_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.exam_score_model_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: exam_score_model_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.exam_score_model_id_seq OWNED BY public.exam_score_model.id;


--
-- Name: user; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."user" (
    id integer NOT NULL,
    date_joined timestamp without time zone NOT NULL,
    username character varying(20) NOT NULL,
    user_img character varying(255),
    email character varying(120) NOT NULL,
    password character varying(255) NOT NULL,
    authenticated boolean,
    is_superuser boolean,
    is_admin boolean
);


--
-- Name: user_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.user_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: user_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.user_id_seq OWNED BY public."user".id;


--
-- Name: exam_choice_model id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.exam_choice_model ALTER COLUMN id SET DEFAULT nextval('public.exam_choice_model_id_seq'::regclass);


--
-- Name: exam_question_model id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.exam_question_model ALTER COLUMN id SET DEFAULT nextval('public.exam_question_model_id_seq'::regclass);


--
-- Name: exam_score_model id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.exam_score_model ALTER COLUMN id SET DEFAULT nextval('public.exam_score_model_id_seq'::regclass);


--
-- Name: user id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."user" ALTER COLUMN id SET DEFAULT nextval('public.user_id_seq'::regclass);


--
-- Data for Name: exam_choice_model; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.exam_choice_model (id, date_posted, question_id, choice_text) FROM stdin;
1	2023-04-01 12:31:00	1	1969
2	2023-04-01 12:32:00	1	1970
\.


--
-- Data for Name: exam_question_model; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.exam_question_model (id, date_posted, user_id, question_text) FROM stdin;
1	2023-04-01 12:30:00.000005	1	At which year Neil Armstrong landed in the moon?
2	1999-12-31 23:59:59.999999	\N	Qu'est-ce qui est étrange ? 月 🌕
\.


--
-- Data for Name: exam_score_model; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.exam_score_model (id, question_id, points, taken_on, details, code, passed) FROM stdin;
1	1	7.25	2024-02-29	{"tries": 2, "note": "ok \\u2713"}	A1	t
2	2	\N	\N	null	\N	f
\.


--
-- Data for Name: user; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public."user" (id, date_joined, username, user_img, email, password, authenticated, is_superuser, is_admin) FROM stdin;
1	2023-03-14 09:26:53.589793	backend-developer	default_img.png	developer@backend.com	$2b$12$LShAz32epUgFdj/AICDyG.CapX3NUfCHCzZ3J1UTNAhHvJIUnVmLm	t	f	t
2	2023-03-15 00:00:00	frönt-développeur	\N	developer@front.com	$2b$12$hash2	f	\N	f
\.


--
-- Name: exam_choice_model_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.exam_choice_model_id_seq', 2, true);


--
-- Name: exam_question_model_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.exam_question_model_id_seq', 2, true);


--
-- Name: exam_score_model_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.exam_score_model_id_seq', 2, true);


--
-- Name: user_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.user_id_seq', 2, true);


--
-- Name: exam_choice_model exam_choice_model_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.exam_choice_model
    ADD CONSTRAINT exam_choice_model_pkey PRIMARY KEY (id);


--
-- Name: exam_question_model exam_question_model_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.exam_question_model
    ADD CONSTRAINT exam_question_model_pkey PRIMARY KEY (id);


--
-- Name: exam_score_model exam_score_model_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.exam_score_model
    ADD CONSTRAINT exam_score_model_pkey PRIMARY KEY (id);


--
-- Name: user user_email_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."user"
    ADD CONSTRAINT user_email_key UNIQUE (email);


--
-- Name: user user_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."user"
    ADD CONSTRAINT user_pkey PRIMARY KEY (id);


--
-- Name: user user_username_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."user"
    ADD CONSTRAINT user_username_key UNIQUE (username);


--
-- Name: ix_exam_score_model_code; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX ix_exam_score_model_code ON public.exam_score_model USING btree (code);


--
-- Name: ix_exam_score_model_question_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_exam_score_model_question_id ON public.exam_score_model USING btree (question_id);


--
-- Name: exam_choice_model exam_choice_model_question_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.exam_choice_model
    ADD CONSTRAINT exam_choice_model_question_id_fkey FOREIGN KEY (question_id) REFERENCES public.exam_question_model(id);


--
-- Name: exam_question_model exam_question_model_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.exam_question_model
    ADD CONSTRAINT exam_question_model_user_id_fkey FOREIGN KEY (user_id) REFERENCES public."user"(id);


--
-- Name: exam_score_model exam_score_model_question_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.exam_score_model
    ADD CONSTRAINT exam_score_model_question_id_fkey FOREIGN KEY (question_id) REFERENCES public.exam_question_model(id) ON DELETE CASCADE;


--
-- PostgreSQL database dump complete
--


