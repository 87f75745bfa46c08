namespace CommunitySafety.Features.Cases.Rules;

/// <summary>
/// Common English forename short forms, so "Peggy" and "Margaret" are seen as the same forename. A small local list
/// written for this product [M] (no list is given in the reference); each group is a formal name and the short forms
/// people commonly use for it. A short form may belong to several groups (Harry: Harold and Henry).
/// </summary>
public static class Nicknames
{
    static readonly string[][] Groups =
    [
        ["margaret", "peggy", "maggie", "meg", "madge", "greta"],
        ["elizabeth", "liz", "lizzie", "beth", "betty", "bess", "eliza", "libby", "elsie"],
        ["william", "bill", "billy", "will", "willie", "liam"],
        ["robert", "bob", "bobby", "rob", "robbie", "bert"],
        ["richard", "dick", "rick", "ricky", "rich", "richie"],
        ["james", "jim", "jimmy", "jamie"],
        ["john", "jack", "johnny"],
        ["jonathan", "jon", "jonny"],
        ["edward", "ed", "eddie", "ted", "teddy", "ned"],
        ["thomas", "tom", "tommy"],
        ["anthony", "tony"],
        ["charles", "charlie", "chas"],
        ["catherine", "katherine", "kathryn", "kate", "katie", "kath", "kathy", "cathy", "kitty"],
        ["christopher", "chris", "kit"],
        ["christine", "christina", "chris", "chrissie", "tina"],
        ["michael", "mike", "mick", "micky"],
        ["patricia", "pat", "patsy", "trish"],
        ["patrick", "pat", "paddy"],
        ["susan", "sue", "susie"],
        ["deborah", "debbie", "debra", "deb"],
        ["rebecca", "becky", "becca"],
        ["jennifer", "jenny", "jen"],
        ["alexander", "alex", "alec", "sandy"],
        ["alexandra", "alex", "sandra", "sandy"],
        ["daniel", "dan", "danny"],
        ["david", "dave", "davy"],
        ["joseph", "joe", "joey"],
        ["josephine", "jo", "josie"],
        ["joanne", "joanna", "joan", "jo"],
        ["samuel", "sam", "sammy"],
        ["samantha", "sam", "sammie"],
        ["benjamin", "ben", "benny"],
        ["nicholas", "nick", "nicky"],
        ["stephen", "steven", "steve"],
        ["matthew", "matt"],
        ["andrew", "andy", "drew"],
        ["peter", "pete"],
        ["harold", "harry", "hal"],
        ["henry", "harry", "hank"],
        ["frederick", "fred", "freddie"],
        ["alfred", "alf", "alfie", "fred"],
        ["albert", "bert", "bertie", "al"],
        ["dorothy", "dot", "dotty", "dolly"],
        ["mary", "molly", "polly", "mae"],
        ["sarah", "sally", "sadie"],
        ["anne", "ann", "annie", "nan", "nancy"],
        ["helen", "ellen", "nell", "nellie"],
        ["eleanor", "ellie", "nell", "nora"],
        ["victoria", "vicky", "tori"],
        ["jacqueline", "jackie"],
        ["gerald", "gerry"],
        ["geoffrey", "geoff"],
        ["leonard", "len", "lenny"],
        ["kenneth", "ken", "kenny"],
        ["terence", "terry"],
        ["theresa", "teresa", "tess", "tessa", "terry"],
        ["lawrence", "laurence", "larry", "laurie"],
        ["raymond", "ray"],
        ["ronald", "ron", "ronnie"],
        ["donald", "don", "donnie"],
        ["douglas", "doug"],
        ["philip", "phillip", "phil"],
        ["timothy", "tim"],
        ["gregory", "greg"],
        ["francis", "frank"],
        ["frances", "fran", "frankie"],
        ["barbara", "barb", "babs"],
        ["valerie", "val"],
        ["pamela", "pam"],
        ["gillian", "gill", "jill"],
        ["abigail", "abby"],
        ["amanda", "mandy"],
        ["natalie", "nat"],
        ["caroline", "carrie"],
        ["louise", "lou"],
        ["penelope", "penny"],
        ["isabel", "isabella", "izzy", "bella"],
    ];

    static readonly Dictionary<string, int[]> GroupsOf = Groups
        .SelectMany((names, i) => names.Select(n => (n, i)))
        .GroupBy(x => x.n, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Select(x => x.i).ToArray(), StringComparer.Ordinal);

    /// <summary>Whether two different normalised forenames are forms of one name (formal and short, or two short forms).</summary>
    public static bool AreForms(string a, string b) =>
        a != b && GroupsOf.TryGetValue(a, out var x) && GroupsOf.TryGetValue(b, out var y) && x.Intersect(y).Any();
}
