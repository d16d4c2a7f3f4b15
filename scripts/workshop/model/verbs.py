"""Observable verbs for learning objectives, after Bloom's revised taxonomy.

An objective a facilitator cannot see being met cannot be checked; "understand" or
"appreciate" describe states of mind, "compare" or "design" describe things people do.
"""

REFUSED = {
    "understand": "understand",
    "know": "know",
    "appreciate": "appreciate",
    "learn": "learn about",
    "be": "be aware of",
    "become": "become familiar with",
    "grasp": "grasp",
    "realise": "realise",
    "realize": "realise",
    "explore": "explore",
}

OBSERVABLE = {
    "analyse", "analyze", "apply", "appraise", "argue", "assess", "build", "calculate",
    "categorise", "choose", "classify", "compare", "compose", "construct", "contrast",
    "create", "critique", "debate", "defend", "define", "demonstrate", "describe", "design",
    "develop", "diagnose", "differentiate", "discuss", "distinguish", "draft", "estimate",
    "evaluate", "examine", "explain", "formulate", "identify", "illustrate", "interpret",
    "justify", "label", "list", "map", "match", "name", "negotiate", "outline", "plan",
    "predict", "prioritise", "produce", "propose", "rank", "recognise", "recommend",
    "reflect", "relate", "report", "select", "share", "sketch", "solve", "sort", "state",
    "summarise", "use", "write",
}
