//! The ingestion pipeline, sentence by sentence: each row is a text of our own and the edges it
//! must (and must not) yield. Names are checked by canonical name.

// Tests fail by panicking; the no-panic lints are for library code.
#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use factions::{KnowledgeGraph, Polarity, ingest_text};

mod common;
use common::lexicon;

/// Every edge of the graph of `text`, as "source kind target" (negated edges end in " [negated]").
fn edges(text: &str) -> Vec<String> {
    let mut graph = KnowledgeGraph::new();
    ingest_text(&mut graph, lexicon(), "t.txt", text).unwrap_or_else(|e| panic!("{e}"));
    let name = |id| graph.entity(id).map(|e| e.name.clone()).unwrap_or_default();
    let mut out: Vec<String> = graph
        .relations()
        .map(|r| {
            let negated = if r.relation.polarity == Polarity::Negated {
                " [negated]"
            } else {
                ""
            };
            format!(
                "{} {} {}{negated}",
                name(r.source),
                r.relation.kind,
                name(r.target)
            )
        })
        .collect();
    out.sort();
    out
}

struct Case {
    name: &'static str,
    text: &'static str,
    must: &'static [&'static str],
    must_not: &'static [&'static str],
}

const CASES: &[Case] = &[
    Case {
        name: "pro-Russian rebels are Russia's proxies, not its rebels nor its army",
        text: "Ukrainian troops clashed with pro-Russian separatists near Horlivka. \
               Pro-Iranian militias fired rockets at the base.",
        must: &[
            "Armed Forces of Ukraine opposes Russian-backed separatists",
            "Russia backs Russian-backed separatists",
            "Iran backs Iranian-backed militias",
        ],
        must_not: &[
            "Armed Forces of Ukraine opposes Russian rebels",
            "Armed Forces of Ukraine opposes Russia",
        ],
    },
    Case {
        name: "denying casualties answers the speaker of the claim before; shelled villages are the state's",
        text: "The Serbian interior ministry said Kosovo police raided Serbian villages, claiming \
               that three Kosovo officers were hurt. Pristina denied any casualties.",
        must: &[
            "Kosovo denies Serbia",
            "Kosovo Security Force opposes Serbia",
        ],
        must_not: &["Kosovo denies Kosovo Security Force"],
    },
    Case {
        name: "a quoted 'we' is who the sentence quotes; a spokesman never deals with his own body",
        text: "\"We will not coordinate with the ADF,\" the Ugandan army said. \"We will not \
               work with a council never chosen by the fighters,\" M23 spokesman Lawrence \
               Kanyuka said.",
        must: &[
            "Uganda People's Defence Force denies Allied Democratic Forces",
            "Lawrence Kanyuka member_of M23",
        ],
        must_not: &[
            "Lawrence Kanyuka denies M23",
            "M23 coordinates_with Lawrence Kanyuka [negated]",
        ],
    },
    Case {
        name: "an accused reference word refers back; the accused's rejection denies",
        text: "The Lebanese army deployed south of the Litani. Israel accused the army of \
               shielding Hezbollah. The army rejected those accusations.",
        must: &["Lebanese Armed Forces denies Hezbollah"],
        must_not: &[],
    },
    Case {
        name: "a body named after its state belongs to it; one named alone asserts nothing",
        text: "Azerbaijan's Defense Ministry said Armenian units had shelled its positions. \
               The Pentagon said the United States was watching the border with Azerbaijan.",
        must: &["Azerbaijani Defense Ministry member_of Azerbaijan"],
        must_not: &["Pentagon member_of United States"],
    },
    Case {
        name: "an affiliation written apart from its actor heads the noun after it",
        text: "Kenyan troops pressed an offensive against the Islamic State affiliated group \
               ADF near the border. Al Qaeda affiliate claims Niger ambush, the group said.",
        must: &[
            "Allied Democratic Forces member_of Islamic State",
            "Kenya Defence Forces opposes Allied Democratic Forces",
        ],
        must_not: &[
            "Kenya Defence Forces opposes Islamic State",
            "Niger member_of al-Qaeda",
        ],
    },
    Case {
        name: "a state's air force and navy are forces of their own",
        text: "The Nigerian airforce said it had bombed Boko Haram camps, and the Ghanaian navy \
               escorted the tankers.",
        must: &["Nigerian air force opposes Boko Haram"],
        must_not: &["Nigerian forces opposes Boko Haram"],
    },
    Case {
        name: "a question asserts nothing",
        text: "Is the UN in contact with JNIM? Did Russia arm the rebels?",
        must: &[],
        must_not: &[
            "Jama'at Nusrat al-Islam wal-Muslimin coordinates_with United Nations",
            "Russia backs rebels",
        ],
    },
    Case {
        name: "states that sign a treaty together coordinate",
        text: "Moscow and Pyongyang signed a mutual defence treaty last year. Ecuador signed a security pact with the United States in March.",
        must: &[
            "North Korea coordinates_with Russia",
            "Ecuador coordinates_with United States",
        ],
        must_not: &[],
    },
    Case {
        name: "cutting diplomatic ties is no tie",
        text: "In 2018, Morocco cut diplomatic ties with Iran.",
        must: &[],
        must_not: &["Iran coordinates_with Morocco"],
    },
    Case {
        name: "disavowing any ties is a negated tie and a denial",
        text: "The Tigray People's Liberation Front said it has no ties with the Eritrean government.",
        must: &[
            "Eritrea coordinates_with Tigray People's Liberation Front [negated]",
            "Tigray People's Liberation Front denies Eritrea",
        ],
        must_not: &["Eritrea coordinates_with Tigray People's Liberation Front"],
    },
    Case {
        name: "a terrorist designation opposes; a designation of anything else does not",
        text: "The United States designated the Sinaloa Cartel and the Jalisco New Generation Cartel as foreign terrorist organisations. Mexico designated Ecuador as host of the summit.",
        must: &[
            "United States opposes Sinaloa Cartel",
            "United States opposes Jalisco New Generation Cartel",
        ],
        must_not: &["Mexico opposes Ecuador"],
    },
    Case {
        name: "the accused denying an act answers the accuser",
        text: "Thailand accused Cambodia of planting new landmines along the border. Phnom Penh denied laying any new mines.",
        must: &["Cambodia denies Thailand"],
        must_not: &[],
    },
    Case {
        name: "people loyal to an actor act for it",
        text: "Fighters loyal to the Presidential Council clashed with the Rapid Support Forces near the airport.",
        must: &["Presidential Council opposes Rapid Support Forces"],
        must_not: &[],
    },
    Case {
        name: "an amount of an actor's people stands for it",
        text: "Nigerian troops have killed dozens of Boko Haram fighters in Borno.",
        must: &["Nigerian forces opposes Boko Haram"],
        must_not: &[],
    },
    Case {
        name: "a passive's agent is no actor when another cue stands between",
        text: "Nigerian troops backed by air strikes attacked Boko Haram near Maiduguri.",
        must: &["Nigerian forces opposes Boko Haram"],
        must_not: &["Boko Haram backs Nigerian forces"],
    },
    Case {
        name: "'the military' is the army of the state where the story happens",
        text: "Beijing has closed border gates near Bhamo, and China wants talks. Rebels attacked an outpost near Lashio in Kachin State on Monday. Residents of Myitkyina said the military shelled the positions of the Kachin Independence Army overnight.",
        must: &["Tatmadaw opposes Kachin Independence Army"],
        must_not: &["People's Liberation Army opposes Kachin Independence Army"],
    },
    Case {
        name: "coming under fire from an actor is opposition",
        text: "Ukrainian troops came under fire from Russian forces near Sudzha.",
        must: &["Armed Forces of Ukraine opposes Russian forces"],
        must_not: &[],
    },
    Case {
        name: "a denial of 'the claim' answers the statement just before",
        text: "US officials said Turkish forces had shelled the Tishrin dam. Turkey's defence ministry rejected the claim.",
        must: &["Turkey denies United States"],
        must_not: &[],
    },
    Case {
        name: "a unit's number is part of its name",
        text: "Russian forces shelled positions of the 80th Air Assault Brigade near Sudzha.",
        must: &["Russian forces opposes 80th Air Assault Brigade"],
        must_not: &[],
    },
    Case {
        name: "an acronym the article defines overrides the lexicon's",
        text: "Fighters of the Ambazonia Defence Forces (ADF) attacked a village near Kumbo. The Cameroonian army said the ADF burned homes and attacked Cameroonian soldiers.",
        must: &["Ambazonia Defence Forces opposes Cameroonian forces"],
        must_not: &["Allied Democratic Forces opposes Cameroonian forces"],
    },
    Case {
        name: "a sentence-opening 'He' is the last person named",
        text: "Kenyan police chief Daniel Okoth spoke to reporters in Nairobi. He rejected claims that al-Shabaab had bribed his officers.",
        must: &["Daniel Okoth denies al-Shabaab"],
        must_not: &[],
    },
    Case {
        name: "'the group' after an armed group in the same sentence is that group",
        text: "The Islamic State group lost ground in the north. An HTS official said the group is not coordinating with the Syrian National Army.",
        must: &["Hayat Tahrir al-Sham denies Syrian National Army"],
        must_not: &["Islamic State denies Syrian National Army"],
    },
    Case {
        name: "'the two sides' are the two actors named together before",
        text: "The Sudanese army and the Rapid Support Forces met in Jeddah in May. The two sides have been at war since April.",
        must: &["Sudanese Armed Forces opposes Rapid Support Forces"],
        must_not: &[],
    },
    Case {
        name: "listed subjects of a reciprocal cue oppose each other",
        text: "The Arakan Army and the Kachin Independence Army exchanged fire near the border on Monday.",
        must: &["Arakan Army opposes Kachin Independence Army"],
        must_not: &[],
    },
    Case {
        name: "an indefinite apposition makes an unknown name an actor, found again later",
        text: "Twirwaneho, a militia drawn from the Banyamulenge community, seized two villages. Burundian troops clashed with Twirwaneho on Monday.",
        must: &["Burundian forces opposes Twirwaneho"],
        must_not: &[],
    },
    Case {
        name: "'the Gran Grif gang' names a force",
        text: "Kenyan troops clashed with the Gran Grif gang near Pont-Sondé.",
        must: &["Kenya Defence Forces opposes Gran Grif"],
        must_not: &[],
    },
    Case {
        name: "a possessive noun phrase lets the list go on after it",
        text: "The Houthis have been at war with Yemen's internationally recognised government and the Saudi-led coalition since 2015.",
        must: &[
            "Houthis opposes Yemen",
            "Houthis opposes Saudi-led coalition",
        ],
        must_not: &[],
    },
    Case {
        name: "a clause after 'but' with no subject keeps the main one",
        text: "The US-led coalition kept a line open with Russian officers but stressed that it was not coordinating with Moscow.",
        must: &["US-led coalition denies Russia"],
        must_not: &["Russia coordinates_with US-led coalition"],
    },
    Case {
        name: "not ruling out is a hedge, not a negation",
        text: "Seoul said it was not ruling out supplying weapons to Ukraine.",
        must: &[],
        must_not: &["South Korea denies Ukraine"],
    },
    Case {
        name: "a rival in apposition opposes",
        text: "The Islamic State, a rival of al-Qaeda, rejected the truce.",
        must: &["Islamic State opposes al-Qaeda"],
        must_not: &[],
    },
    Case {
        name: "the possessor of a claim is what the denial answers",
        text: "Iran's foreign ministry said U.S. accusations were baseless.",
        must: &["Iran denies United States"],
        must_not: &[],
    },
    Case {
        name: "a cue that ends in its preposition takes the object after it",
        text: "The M23 took Rubaya after three days of fighting with the Congolese army.",
        must: &["M23 opposes Armed Forces of the Democratic Republic of the Congo"],
        must_not: &[],
    },
    Case {
        name: "a pronoun after a verb of saying is the one who says",
        text: "Hezbollah said it was coordinating with Hamas.",
        must: &["Hamas coordinates_with Hezbollah"],
        must_not: &[],
    },
    Case {
        name: "a claim noun in apposition is denied by the one named after it",
        text: "Ukrainian officials said Iran had shipped drones to Russia, a charge Tehran denied.",
        must: &["Iran denies Russia"],
        must_not: &["Iran backs Russia"],
    },
    Case {
        name: "an accusation denied by the accused is answered to the accuser",
        text: "Sudan accused Chad of arming the RSF. Chad dismissed the allegations as baseless.",
        must: &["Chad denies Rapid Support Forces"],
        must_not: &["Chad backs Rapid Support Forces"],
    },
    Case {
        name: "rejecting a thing is not denying a claim",
        text: "The ELN rejected the ceasefire proposal put forward by Colombia.",
        must: &[],
        must_not: &["National Liberation Army (Colombia) denies Colombia"],
    },
    Case {
        name: "positions held by an actor stand for it",
        text: "Azerbaijani artillery shelled positions held by Armenian forces near the border.",
        must: &["Azerbaijani forces opposes Armenian forces"],
        must_not: &[],
    },
    Case {
        name: "an indefinite apposition describes the actor it follows",
        text: "Kataib Hezbollah, an Iranian-backed militia, attacked the base.",
        must: &["Iran backs Kataib Hezbollah"],
        must_not: &[],
    },
    Case {
        name: "a news agency is never a party",
        text: "Reuters could not verify whether Iran was arming the Houthis.",
        must: &[],
        must_not: &["Reuters denies Houthis", "Reuters denies Iran"],
    },
    Case {
        name: "a relative aside with a list closes where the list ends",
        text: "The task force, which brings together troops from Chad, Niger and Nigeria, said it struck ISWAP camps.",
        must: &[],
        must_not: &["Chad opposes Islamic State West Africa Province"],
    },
    Case {
        name: "a phrase between commas or dashes describes the subject before it",
        text: "The Mayiza, long loyal to Ismael Zambada, has fought Los Chapitos. Hamas - backed for years by Iran - attacked Israel.",
        must: &["La Mayiza opposes Los Chapitos", "Hamas opposes Israel"],
        must_not: &["Ismael Zambada opposes Los Chapitos", "Iran opposes Israel"],
    },
    Case {
        name: "after an opening phrase, a determiner starts the subject, not an apposition",
        text: "In Sonora, a faction called La Mayiza, long loyal to Ismael Zambada, has fought Los Chapitos. Last week, the Mexican army, the largest in the region, clashed with the Sinaloa Cartel.",
        must: &[
            "La Mayiza opposes Los Chapitos",
            "Mexican forces opposes Sinaloa Cartel",
        ],
        must_not: &[],
    },
    Case {
        name: "a reference may carry modifiers, and an adjective before 'rule' names the ruler",
        text: "The Polisario Front held a congress near Tindouf on Monday. The separatist movement has waged a guerrilla war against Moroccan rule since 1975. The PKK held talks in Qamishli. The other group has fought Moroccan forces.",
        must: &["Polisario Front opposes Morocco"],
        must_not: &["Kurdistan Workers' Party opposes Moroccan forces"],
    },
    Case {
        name: "a passive's agent may follow a prepositional phrase; a passive after unnamed people is theirs",
        text: "The Syrian Democratic Forces, led from Hasakah by Mazloum Abdi, met French envoys. The SDF accused Turkey of arming groups led in the field by former ISIS commanders.",
        must: &["Mazloum Abdi member_of Syrian Democratic Forces"],
        must_not: &[
            "Syrian Democratic Forces member_of Mazloum Abdi",
            "Islamic State member_of Turkey",
        ],
    },
    Case {
        name: "the actor that opens a cue's noun phrase is its subject",
        text: "Poland condemned Russia's war against Ukraine. Khalil al-Hayya, who survived an Israeli airstrike on Hamas offices, spoke in Cairo.",
        must: &[
            "Russia opposes Ukraine",
            "Poland opposes Russia",
            "Israel opposes Hamas",
        ],
        must_not: &["Poland opposes Ukraine"],
    },
    Case {
        name: "fire and strikes aimed at an actor, through a speaker's word for the target",
        text: "Turkey fired artillery at what it said were PKK positions in northern Iraq. Israel launched strikes on Hezbollah depots overnight.",
        must: &[
            "Turkey opposes Kurdistan Workers' Party",
            "Israel opposes Hezbollah",
        ],
        must_not: &[],
    },
    Case {
        name: "breaking with an actor and taking up arms against it oppose it",
        text: "Ahmed Madobe broke with Hassan Sheikh Mohamud over the election. The PKK took up arms against Turkey in 1984.",
        must: &[
            "Ahmed Madobe opposes Hassan Sheikh Mohamud",
            "Kurdistan Workers' Party opposes Turkey",
        ],
        must_not: &[],
    },
    Case {
        name: "'the government' is a rival government named lately by that word",
        text: "Officials of the Government of National Unity met in Tripoli. The Libyan National Army broke with the government in May.",
        must: &["Libyan National Army opposes Government of National Unity"],
        must_not: &["Libyan National Army opposes Libya"],
    },
    Case {
        name: "a verdict before the claim ('rejected as false claims that') still frames it",
        text: "The ELN rejected as \"false\" claims that it had attacked the Comunes party. Hamas dismissed as baseless reports that it had armed the Houthis.",
        must: &[
            "National Liberation Army (Colombia) denies Comunes",
            "Hamas backs Houthis [negated]",
        ],
        must_not: &[
            "National Liberation Army (Colombia) opposes Comunes",
            "Hamas backs Houthis",
        ],
    },
    Case {
        name: "an actor after a relative pronoun is not the verb's object; a decision to act is its actor's",
        text: "Officials said Iran was arming a militia that Saudi Arabia considers a threat. Israel protested a US decision to supply jets to Saudi Arabia.",
        must: &["United States backs Saudi Arabia"],
        must_not: &["Iran backs Saudi Arabia", "Israel backs Saudi Arabia"],
    },
    Case {
        name: "an actor after a relative pronoun is the verb's subject and the clause's head its object",
        text: "The Houthis, whom Saudi Arabia bombed for years, seized the port. Hezbollah, which Iran funds and arms, has fired rockets at Israel.",
        must: &[
            "Saudi Arabia opposes Houthis",
            "Iran backs Hezbollah",
            "Hezbollah opposes Israel",
        ],
        must_not: &["Houthis opposes Saudi Arabia", "Hezbollah backs Iran"],
    },
    Case {
        name: "people of an actor named with an article stand for it",
        text: "The Chadian army launched an offensive against fighters of the Boko Haram group. Ugandan troops carried out joint patrols with soldiers from the Congolese army.",
        must: &[
            "Chadian forces opposes Boko Haram",
            "Armed Forces of the Democratic Republic of the Congo coordinates_with Uganda People's Defence Force",
        ],
        must_not: &[],
    },
    Case {
        name: "a denial of 'the claim' answers the statement just made, not an older report",
        text: "Somali media reported that Eritrea had trained Somali recruits. The talks resumed on Monday. The ONLF said its fighters had ambushed an Ethiopian army convoy near Degehabur. Addis Ababa dismissed the claim.",
        must: &["Ethiopia denies Ogaden National Liberation Front"],
        must_not: &["Ethiopia denies Eritrea"],
    },
    Case {
        name: "lies spread by an actor are its claims, and a negated passive is no disavowal",
        text: "Lebanese media reported that the Lebanese army had shared intelligence with Israel. The army called those reports \"lies spread by Hezbollah\". An official said the Palestinian Authority had not been consulted by Washington on the plan.",
        must: &[
            "Lebanese Armed Forces denies Israel",
            "Palestinian Authority coordinates_with United States [negated]",
        ],
        must_not: &[
            "Hezbollah denies Israel",
            "Hezbollah denies Lebanese Armed Forces",
            "United States denies Palestinian Authority",
        ],
    },
    Case {
        name: "a spokesman named with his body once denies for it in a later sentence",
        text: "Brigadier Felix Kulayigye, the UPDF spokesman, briefed reporters in Kampala on Monday. He denied reports that Ugandan soldiers had clashed with CODECO fighters in Djugu.",
        must: &[
            "Felix Kulayigye denies CODECO",
            "Uganda People's Defence Force denies CODECO",
        ],
        must_not: &["Felix Kulayigye denies Uganda People's Defence Force"],
    },
    Case {
        name: "a word set off by commas breaks no clause; a held noun phrase of any length is not the object",
        text: "Greece does, however, drill regularly with Egypt. Israeli forces intercepted nearly all 14 ballistic missiles fired by Iran.",
        must: &[
            "Egypt coordinates_with Greece",
            "Israel Defense Forces opposes Iran",
        ],
        must_not: &[],
    },
    Case {
        name: "'the police' is the police force the article named",
        text: "The Haitian National Police said Viv Ansanm gunmen had burned two stations in Mirebalais. The coalition has fought the police for a year.",
        must: &["Viv Ansanm opposes Haitian National Police"],
        must_not: &[],
    },
    Case {
        name: "'the three governments' are the three states their sentence named",
        text: "Mali hosted envoys from Chad and Niger in Bamako on Friday, where the three governments agreed to share intelligence.",
        must: &[
            "Chad coordinates_with Mali",
            "Mali coordinates_with Niger",
            "Chad coordinates_with Niger",
        ],
        must_not: &[],
    },
    Case {
        name: "a diplomatic break is hostile",
        text: "Niger severed diplomatic ties with Ukraine in August. Rwanda and Burundi broke off diplomatic relations in 2015.",
        must: &["Niger opposes Ukraine", "Rwanda opposes Burundi"],
        must_not: &["Niger coordinates_with Ukraine"],
    },
    Case {
        name: "one who urges others to act does not act",
        text: "Borno Governor Babagana Zulum urged hunters to fight alongside the Nigerian army. Ethiopia urged Kenya to cooperate with Somalia.",
        must: &["Kenya coordinates_with Somalia"],
        must_not: &[
            "Babagana Zulum coordinates_with Nigerian forces",
            "Nigerian forces coordinates_with Babagana Zulum",
        ],
    },
    Case {
        name: "joining an actor in an act coordinates; joining a list of backers in a month does not",
        text: "Ghana has endorsed the plan, joining Nigeria, Senegal and, in March, Togo. The militia joined the army in clearing the road.",
        must: &[],
        must_not: &[
            "Ghana coordinates_with Nigeria",
            "Ghana coordinates_with Togo",
            "Ghana coordinates_with Senegal",
        ],
    },
    Case {
        name: "regarding an actor as an enemy opposes it; what else the subject sees in it is its claim",
        text: "Ankara views the PKK as a terrorist organisation. Rwanda regards the FDLR as the armed wing of the former regime.",
        must: &["Turkey opposes Kurdistan Workers' Party"],
        must_not: &["Rwanda opposes Democratic Forces for the Liberation of Rwanda"],
    },
    Case {
        name: "a denial of 'this' answers the report before it and negates it",
        text: "Local media reported that Ghana had coordinated the patrols with Togo. Accra denied this.",
        must: &["Ghana denies Togo", "Ghana coordinates_with Togo [negated]"],
        must_not: &["Ghana coordinates_with Togo"],
    },
    Case {
        name: "an allegation about both sides of a tie is rejected by one of them",
        text: "Opposition lawmakers alleged that Hezbollah figures had coordinated with Iranian officials. Hezbollah rejected that accusation.",
        must: &["Hezbollah denies Iran"],
        must_not: &["Hezbollah coordinates_with Iran"],
    },
    Case {
        name: "a hedged number of soldiers still stands for their army",
        text: "An attack by Boko Haram killed about 40 Chadian soldiers. JNIM killed more than 20 Beninese troops.",
        must: &[
            "Boko Haram opposes Chadian forces",
            "Jama'at Nusrat al-Islam wal-Muslimin opposes Beninese forces",
        ],
        must_not: &[],
    },
    Case {
        name: "a name after a known owner's possessive is found, and a leader before -led is kept",
        text: "The MILF's Bangsamoro Islamic Armed Forces fought the Islamic State. The UK-led Joint Expeditionary Force met in Oslo.",
        must: &[
            "Bangsamoro Islamic Armed Forces opposes Islamic State",
            "United Kingdom member_of Joint Expeditionary Force",
        ],
        must_not: &[],
    },
    Case {
        name: "a named description refers back to its head word or to nothing",
        text: "Frigates from Germany and Denmark joined the mission, and Sweden has attacked the Houthis.",
        must: &["Sweden opposes Houthis"],
        must_not: &[
            "Denmark opposes Houthis",
            "Germany coordinates_with Denmark",
        ],
    },
    Case {
        name: "partners who exercise, work closely or co-operate coordinate",
        text: "Japan exercises regularly with the Philippines. Moldova works closely with Ukraine. Chad co-operates with Niger.",
        must: &[
            "Japan coordinates_with Philippines",
            "Moldova coordinates_with Ukraine",
            "Chad coordinates_with Niger",
        ],
        must_not: &[],
    },
    Case {
        name: "defiance, being at odds and being opposed to are hostility",
        text: "Egypt, at odds with Ethiopia over the dam, hosted the talks. The TPLF responded by accusing Eritrea of violating the deal. Hamas is opposed to the Palestinian Authority.",
        must: &[
            "Egypt opposes Ethiopia",
            "Tigray People's Liberation Front opposes Eritrea",
            "Hamas opposes Palestinian Authority",
        ],
        must_not: &[],
    },
    Case {
        name: "members of a group act for it",
        text: "Members of Los Lobos attacked inmates belonging to Los Choneros.",
        must: &["Los Lobos opposes Los Choneros"],
        must_not: &[],
    },
    Case {
        name: "a government that bans a group opposes it",
        text: "Iraq's federal government, which banned the PKK last year, has moved troops north.",
        must: &["Iraq opposes Kurdistan Workers' Party"],
        must_not: &[],
    },
    Case {
        name: "actors apposed to a possessor's ally or backers",
        text: "Iran and Syria, Hezbollah's main patrons, were silent. Belarus, Moscow's closest ally, hosted the drills.",
        must: &[
            "Iran backs Hezbollah",
            "Syria backs Hezbollah",
            "Belarus backs Russia",
        ],
        must_not: &[],
    },
    Case {
        name: "a state's aircraft acts for its forces",
        text: "An Israeli drone struck a convoy of Iranian warships in the Red Sea.",
        must: &["Israel Defense Forces opposes Iranian forces"],
        must_not: &[],
    },
    Case {
        name: "an open relative clause acts for the noun before it, not the main subject",
        text: "Qatar funds several of those militias, which have battled the Syrian army for years.",
        must: &[],
        must_not: &["Qatar opposes Syrian Arab Army"],
    },
    Case {
        name: "coordination with a list of partners",
        text: "Iraq is sharing intelligence with Iran, Syria and Russia.",
        must: &[
            "Iran coordinates_with Iraq",
            "Iraq coordinates_with Syria",
            "Iraq coordinates_with Russia",
        ],
        must_not: &["Iran coordinates_with Syria"],
    },
    Case {
        name: "symmetric meeting of a group",
        text: "Commanders of the Iraqi army and the Peshmerga met in Erbil on Tuesday.",
        must: &["Iraqi forces coordinates_with Peshmerga"],
        must_not: &[],
    },
    Case {
        name: "a second verb inherits the subject",
        text: "Iraq has been coordinating with Iran and fighting the Islamic State.",
        must: &["Iran coordinates_with Iraq", "Iraq opposes Islamic State"],
        must_not: &["Iran opposes Islamic State"],
    },
    Case {
        name: "negation gives a negated edge and a denial, never an assertion",
        text: "Turkish officials insist they are not coordinating with the Syrian government.",
        must: &[
            "Syria coordinates_with Turkey [negated]",
            "Turkey denies Syria",
        ],
        must_not: &[
            "Syria coordinates_with Turkey",
            "Turkey coordinates_with Syria",
        ],
    },
    Case {
        name: "a refusal is a negation",
        text: "The Sudanese army refused to cooperate with the Rapid Support Forces.",
        must: &["Rapid Support Forces coordinates_with Sudanese Armed Forces [negated]"],
        must_not: &["Rapid Support Forces coordinates_with Sudanese Armed Forces"],
    },
    Case {
        name: "the claim of a denial is not asserted",
        text: "Rwanda denied reports that it was arming the M23 rebels.",
        must: &["Rwanda denies M23"],
        must_not: &["Rwanda backs M23"],
    },
    Case {
        name: "a passive gives the agent as subject",
        text: "The Houthis are backed by Iran.",
        must: &["Iran backs Houthis"],
        must_not: &["Houthis backs Iran"],
    },
    Case {
        name: "X-backed forces are a force of their own",
        text: "Russian-backed forces attacked the town, and Iran-backed militias fought the Islamic State.",
        must: &[
            "Russia backs Russian-backed forces",
            "Iran backs Iranian-backed militias",
            "Iranian-backed militias opposes Islamic State",
        ],
        must_not: &[],
    },
    Case {
        name: "titles make officials who belong to the actor before them",
        text: "Ukrainian Defence Minister Oleksandr Vardenko met Polish officials.",
        must: &["Oleksandr Vardenko member_of Ukraine"],
        must_not: &[],
    },
    Case {
        name: "an apposition gives membership",
        text: "Colonel Idris Mahamat, spokesman for the Chadian army, said the border was calm.",
        must: &["Idris Mahamat member_of Chadian forces"],
        must_not: &[],
    },
    Case {
        name: "an acronym defined in parentheses names the same force later",
        text: "The Dune Falcons Brigade (DFB) attacked Libyan forces. Later the DFB withdrew, and Libyan troops fought the DFB again.",
        must: &["Dune Falcons Brigade opposes Libyan forces"],
        must_not: &["DFB opposes Libyan forces"],
    },
    Case {
        name: "a surname after the full name is the same person",
        text: "Army spokesman Nabil Haddadin said the talks failed. Haddadin denied reports that Jordan was arming the rebels.",
        must: &["Nabil Haddadin denies Jordan"],
        must_not: &["Jordan backs Syrian rebels"],
    },
    Case {
        name: "actors added with 'along with' share the subject's role, not the object's",
        text: "The Kachin Independence Army belongs to the Northern Alliance along with the Arakan Army.",
        must: &["Arakan Army member_of Northern Alliance"],
        must_not: &["Kachin Independence Army member_of Arakan Army"],
    },
    Case {
        name: "after 'with', an actor added with 'along with' is one more partner",
        text: "Jordan will deepen cooperation with Egypt, along with Saudi Arabia.",
        must: &["Jordan coordinates_with Saudi Arabia"],
        must_not: &["Egypt coordinates_with Saudi Arabia"],
    },
    Case {
        name: "a reference takes the actor whose name ends in its head word",
        text: "The Three Brotherhood Alliance includes the Myanmar National Democratic Alliance Army. Last year the alliance attacked the Tatmadaw.",
        must: &["Three Brotherhood Alliance opposes Tatmadaw"],
        must_not: &["Myanmar National Democratic Alliance Army opposes Tatmadaw"],
    },
    Case {
        name: "'the three countries' stands for the last three states listed together",
        text: "Pyongyang warned South Korea, the United States and Japan. The three countries held joint drills on Monday.",
        must: &[
            "Japan coordinates_with South Korea",
            "Japan coordinates_with United States",
            "South Korea coordinates_with United States",
        ],
        must_not: &[],
    },
    Case {
        name: "an opening phrase closed by a comma does not make the subject a prepositional object",
        text: "In the north, the Kachin Independence Army attacked a Tatmadaw convoy.",
        must: &["Kachin Independence Army opposes Tatmadaw"],
        must_not: &[],
    },
    Case {
        name: "a state's adjective after a possessor describes the possessor's people",
        text: "Taliban forces attacked Islamic State's Afghan fighters.",
        must: &["Taliban opposes Islamic State"],
        must_not: &["Taliban opposes Afghanistan"],
    },
    Case {
        name: "two states' adjectives before guards make both act",
        text: "Kyrgyz and Tajik border guards carried out a joint patrol on Friday.",
        must: &["Kyrgyzstan coordinates_with Tajikistan"],
        must_not: &[],
    },
    Case {
        name: "a spokesman reporting what unnamed troops did speaks for his force",
        text: "The Lualaba Defence Brigade (LDB) spokesman Col. Tembo Banda said troops had destroyed three Mai-Mai camps.",
        must: &["Lualaba Defence Brigade opposes Mai-Mai"],
        must_not: &[
            "Tembo Banda opposes Mai-Mai",
            "Lualaba Defence Brigade member_of Tembo Banda",
        ],
    },
    Case {
        name: "a partner in a participle aside acts with the subject",
        text: "Nigerian troops, working with Chadian forces, destroyed three Boko Haram camps.",
        must: &[
            "Chadian forces opposes Boko Haram",
            "Nigerian forces opposes Boko Haram",
        ],
        must_not: &[],
    },
    Case {
        name: "a charge that a description of the accused denies is the accused's denial",
        text: "Ankara has accused the PUK of sheltering PKK fighters, a charge the party has always denied.",
        must: &["Patriotic Union of Kurdistan denies Kurdistan Workers' Party"],
        must_not: &["Patriotic Union of Kurdistan backs Kurdistan Workers' Party"],
    },
    Case {
        name: "a subject joined by 'together with' acts together",
        text: "The Malian army, together with Russian instructors, attacked JNIM positions near Gao.",
        must: &[
            "Malian Armed Forces coordinates_with Russia",
            "Russia opposes Jama'at Nusrat al-Islam wal-Muslimin",
        ],
        must_not: &[],
    },
    Case {
        name: "', which X denies' after an accusation is X's denial of it",
        text: "Colombia has long accused Venezuela of sheltering ELN commanders, which Caracas denies.",
        must: &["Venezuela denies National Liberation Army (Colombia)"],
        must_not: &["Venezuela backs National Liberation Army (Colombia)"],
    },
    Case {
        name: "'it' after a named leader's 'said' is the body he leads",
        text: "The Sudan Liberation Movement faction led by Minni Minnawi said it was not coordinating with either side.",
        must: &[],
        must_not: &["Minni Minnawi denies Rapid Support Forces"],
    },
    Case {
        name: "fighting that erupts between two actors sets them against each other",
        text: "Fighting erupted between fighters loyal to the Government of National Unity and the Zawiya Shield Brigade.",
        must: &["Government of National Unity opposes Zawiya Shield Brigade"],
        must_not: &[],
    },
    Case {
        name: "joining an actor in doing something is coordination",
        text: "A local militia called the Lasta Youth Defence Unit said it had joined the ENDF in reopening roads.",
        must: &["Ethiopian National Defense Force coordinates_with Lasta Youth Defence Unit"],
        must_not: &[],
    },
    Case {
        name: "what an actor launched stands for it",
        text: "Ukraine's air force said it had shot down all 30 drones launched by Russia.",
        must: &["Ukrainian air force opposes Russia"],
        must_not: &[],
    },
    Case {
        name: "calling an actor a terrorist group is hostility; calling it by name is not",
        text: "Kinshasa calls the M23 a terrorist group. A militia called the Lasta Youth Defence Unit joined the ENDF in clearing roads.",
        must: &["Democratic Republic of the Congo opposes M23"],
        must_not: &["Lasta Youth Defence Unit opposes Ethiopian National Defense Force"],
    },
    Case {
        name: "'accusing it of' names the accused by pronoun, and the denial answers that claim",
        text: "Morocco cut diplomatic ties with Iran, accusing it of using Hezbollah to arm Polisario fighters. Tehran and Hezbollah both denied the accusation.",
        must: &["Morocco opposes Iran", "Iran denies Polisario Front"],
        must_not: &["Hezbollah backs Polisario Front"],
    },
    Case {
        name: "an '-linked' compound does not reach past a preposition to a place",
        text: "Israel has repeatedly struck Iranian-linked targets in Syria.",
        must: &[],
        must_not: &["Iran backs Syria"],
    },
    Case {
        name: "adjectives listed before a force noun each name their own state's forces",
        text: "Azerbaijani and Armenian soldiers exchanged fire overnight. Artillery exchanges between the Thai and Cambodian armies resumed.",
        must: &[
            "Azerbaijani forces opposes Armenian forces",
            "Thai forces opposes Cambodian forces",
        ],
        must_not: &["Azerbaijan opposes Armenian forces"],
    },
    Case {
        name: "who receives support is its target, who gives it the source",
        text: "The Nigerian army, with the support of the Civilian Joint Task Force, cleared three villages. The Azawad Liberation Front said it had never received weapons from Algeria.",
        must: &[
            "Civilian Joint Task Force backs Nigerian forces",
            "Algeria backs Azawad Liberation Front [negated]",
        ],
        must_not: &[
            "Nigerian forces backs Civilian Joint Task Force",
            "Algeria backs Azawad Liberation Front",
        ],
    },
    Case {
        name: "an accusation listing gerunds keeps its object, and the next sentence's denial answers it",
        text: "Mogadishu accuses Asmara of funding, training and arming al-Shabaab. Eritrea denies the charge.",
        must: &[
            "Eritrea denies al-Shabaab",
            "Eritrea backs al-Shabaab [negated]",
        ],
        must_not: &["Eritrea denies Somalia", "Eritrea backs al-Shabaab"],
    },
    Case {
        name: "a denial apposed to a statement answers what it says",
        text: "Ukraine says Belarus is smuggling weapons to the Wagner Group, charges that Minsk flatly denied. Analysts say Venezuela shelters the ELN, which Caracas denies.",
        must: &[
            "Belarus denies Wagner Group",
            "Belarus backs Wagner Group [negated]",
            "Venezuela denies National Liberation Army (Colombia)",
        ],
        must_not: &["Belarus backs Wagner Group"],
    },
    Case {
        name: "a passive aside does not lend its agent to the main verb",
        text: "The Rapid Support Forces, who are backed by the United Arab Emirates, shelled the Chadian army. The Wagner Group, which Washington says is funded by the Kremlin, attacked Ukraine.",
        must: &[
            "United Arab Emirates backs Rapid Support Forces",
            "Rapid Support Forces opposes Chadian forces",
            "Russia backs Wagner Group",
            "Wagner Group opposes Ukraine",
        ],
        must_not: &[
            "United Arab Emirates opposes Chadian forces",
            "Russia backs United States",
        ],
    },
    Case {
        name: "a state's parties and politicians may oppose one another; a verb is no title's owner",
        text: "The Awami National Party accused Prime Minister Shehbaz Sharif of rigging the vote.",
        must: &["Awami National Party opposes Shehbaz Sharif"],
        must_not: &["Shehbaz Sharif member_of Awami National Party"],
    },
    Case {
        name: "meeting an actor is coordination; expelling or summoning its envoy is hostility",
        text: "Sergei Lavrov met his Turkish counterpart in Antalya. Mali expelled the French ambassador. Rabat summoned Algeria's charge d'affaires.",
        must: &[
            "Sergei Lavrov coordinates_with Turkey",
            "Mali opposes France",
            "Morocco opposes Algeria",
        ],
        must_not: &[],
    },
    Case {
        name: "a party's disavowal outweighs a looser assertion of the same tie in its article",
        text: "Kenyan soldiers say they meet al-Shabaab elders every week. But the Kenya Defence Forces have not coordinated any operation with al-Shabaab.",
        must: &["al-Shabaab coordinates_with Kenya Defence Forces [negated]"],
        must_not: &["al-Shabaab coordinates_with Kenya Defence Forces"],
    },
    Case {
        name: "a state named before 'army' owns it; a faction that broke away from it opposes it",
        text: "The Twirwaneho militia broke away from the DR Congo army in 2020. US Africa Command works with the African Union Mission in Somalia.",
        must: &[
            "Twirwaneho opposes Armed Forces of the Democratic Republic of the Congo",
            "African Union Mission in Somalia coordinates_with US Africa Command",
        ],
        must_not: &[],
    },
    Case {
        name: "a rebel name may join two words with 'and'; the capital after 'the capital' is the city",
        text: "The Front for Change and Concord in Chad said its fighters reached the capital N'Djamena and clashed with the Chadian army.",
        must: &["Front for Change and Concord in Chad opposes Chadian forces"],
        must_not: &["Front for Change and Concord in Chad opposes Chad"],
    },
    Case {
        name: "an act warned against or kept from is not done; a seized capital is a city",
        text: "Khalifa Haftar warned Turkey against supporting the Government of National Accord. Haftar's forces have been fighting to seize Tripoli since April.",
        must: &[],
        must_not: &[
            "Turkey backs Government of National Accord",
            "Libyan National Army opposes Libya",
        ],
    },
    Case {
        name: "actors listed together as attackers of one enemy act together; 'or' lists no partners",
        text: "The United States and Britain struck Houthi radar sites. An Israeli or American strike on Iran would be a disaster.",
        must: &["United Kingdom coordinates_with United States"],
        must_not: &["Israel coordinates_with United States"],
    },
    Case {
        name: "who made the claim a denial rejects is no party to it",
        text: "Mazloum Abdi rejects Ankara's claim that the SDF is a branch of the PKK.",
        must: &["Mazloum Abdi denies Kurdistan Workers' Party"],
        must_not: &["Mazloum Abdi denies Turkey"],
    },
    Case {
        name: "a spokesman is not the one his reported passive is about; a report's author is no party to it",
        text: "Lawrence Kanyuka said its fighters were responding to attacks by the FDLR. He dismissed as baseless a report by Congolese authorities that the M23 was arming Twirwaneho.",
        must: &["Lawrence Kanyuka denies Twirwaneho"],
        must_not: &[
            "Democratic Forces for the Liberation of Rwanda opposes Lawrence Kanyuka",
            "Lawrence Kanyuka denies Democratic Republic of the Congo",
        ],
    },
    Case {
        name: "a '-led' compound heads its own noun; a long object still reaches its preposition",
        text: "US-led forces and Afghan troops struck Taliban positions. A Saudi-led anti-Houthi coalition bombed Sanaa. Hezbollah said it fired artillery shells and guided missiles at Israel.",
        must: &["Afghan forces opposes Taliban", "Hezbollah opposes Israel"],
        must_not: &[
            "United States member_of Afghan forces",
            "Saudi Arabia member_of Houthis",
        ],
    },
    Case {
        name: "unnamed fighters' acts are theirs; a closing quote ends a list; thwarting an attack opposes its author",
        text: "The war pits troops loyal to Salva Kiir against rebels backing Riek Machar. \"The SPLA has defeated the forces of Riek Machar,\" Philip Aguer said. Nigerian troops thwarted a Boko Haram attack on a base. The Nigerian airforce said it had destroyed ISWAP camps.",
        must: &[
            "South Sudan People's Defence Forces opposes Riek Machar",
            "Nigerian forces opposes Boko Haram",
            "Nigerian air force opposes Islamic State West Africa Province",
        ],
        must_not: &[
            "Salva Kiir backs Riek Machar",
            "South Sudan People's Defence Forces opposes Philip Aguer",
        ],
    },
    Case {
        name: "'between … and' joins the first actor of each noun phrase",
        text: "At least 23 people died in a clash between dissident groups of the FARC and guerrillas of the ELN in Arauca.",
        must: &["FARC opposes National Liberation Army (Colombia)"],
        must_not: &[],
    },
    Case {
        name: "what a state gives comes from its capital as the state",
        text: "The Government of National Accord received military assistance from Ankara.",
        must: &["Turkey backs Government of National Accord"],
        must_not: &[],
    },
    Case {
        name: "reader comments never reach the graph",
        text: "Talks stalled\nThe two delegations left Geneva.\nComments are closed\nby: reader from: Ohio\nRussia is arming Hamas and Iran backs the Taliban!",
        must: &[],
        must_not: &["Russia backs Hamas", "Iran backs Taliban"],
    },
];

#[test]
fn each_case_yields_its_edges() {
    let mut failures = Vec::new();
    for case in CASES {
        let got = edges(case.text);
        for want in case.must {
            if !got.iter().any(|g| g == want) {
                failures.push(format!("{}: missing {want:?}; got {got:?}", case.name));
            }
        }
        for bad in case.must_not {
            if got.iter().any(|g| g == bad) {
                failures.push(format!("{}: must not have {bad:?}; got {got:?}", case.name));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn every_evidence_span_lies_in_its_sentence() {
    let text = "AMMAN: The SDF and the Iraqi army met on Sunday.\nThe United States backs the SDF against the Islamic State.";
    let mut graph = KnowledgeGraph::new();
    ingest_text(&mut graph, lexicon(), "t.txt", text).unwrap_or_else(|e| panic!("{e}"));
    assert!(graph.relation_count() > 0);
    for r in graph.relations() {
        for e in &r.relation.evidence {
            let sentence = graph
                .evidence_text(e)
                .unwrap_or_else(|| panic!("no text for {e:?}"));
            assert_eq!(text.get(e.span.start..e.span.end), Some(&*sentence));
        }
    }
}

#[test]
fn the_speaker_is_recorded_on_the_evidence() {
    for (text, speaker) in [
        (
            "Iran is arming the Houthis, according to Saudi officials.",
            "Saudi Arabia",
        ),
        (
            "Rebel spokesman Idriss Kamara said the Dune Falcons Brigade fought the Malian army.",
            "Idriss Kamara",
        ),
    ] {
        let mut graph = KnowledgeGraph::new();
        ingest_text(&mut graph, lexicon(), "t.txt", text).unwrap();
        let speakers: Vec<Option<factions::Speaker>> = graph
            .relations()
            .filter(|r| r.relation.kind != factions::RelationKind::MemberOf)
            .flat_map(|r| r.relation.evidence.iter().map(|e| e.attributed_to.clone()))
            .collect();
        assert!(!speakers.is_empty(), "{text}");
        assert!(
            speakers.iter().all(|s| s.as_deref() == Some(speaker)),
            "{text}: {speakers:?}"
        );
    }
}
