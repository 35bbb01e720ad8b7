-- query
SELECT id, sum(v) OVER (PARTITION BY k) AS ksum FROM a
-- definition
 SELECT id,
    sum(v) OVER (PARTITION BY k) AS ksum
   FROM public.a
-- columns
id integer
ksum numeric
-- probe types

-- analyzed
({QUERY :commandType 1 :querySource 0 :canSetTag true :utilityStmt <> :resultRelation 0 :hasAggs false :hasWindowFuncs true :hasTargetSRFs false :hasSubLinks false :hasDistinctOn false :hasRecursive false :hasModifyingCTE false :hasForUpdate false :hasRowSecurity false :hasGroupRTE false :isReturn false :cteList <> :rtable ({RANGETBLENTRY :alias <> :eref {ALIAS :aliasname a :colnames ("id" "k" "g" "v" "f" "t" "flag")} :rtekind 0 :relid 89090 :inh true :relkind r :rellockmode 1 :perminfoindex 1 :tablesample <> :lateral false :inFromCl true :securityQuals <>}) :rteperminfos ({RTEPERMISSIONINFO :relid 89090 :inh true :requiredPerms 2 :checkAsUser 0 :selectedCols (b 8 9 11) :insertedCols (b) :updatedCols (b)}) :jointree {FROMEXPR :fromlist ({RANGETBLREF :rtindex 1}) :quals <>} :mergeActionList <> :mergeTargetRelation 0 :mergeJoinCondition <> :targetList ({TARGETENTRY :expr {VAR :varno 1 :varattno 1 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 1 :location -1} :resno 1 :resname id :ressortgroupref 0 :resorigtbl 89090 :resorigcol 1 :resjunk false} {TARGETENTRY :expr {WINDOWFUNC :winfnoid 2114 :wintype 1700 :wincollid 0 :inputcollid 0 :args ({VAR :varno 1 :varattno 4 :vartype 1700 :vartypmod 786438 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 4 :location -1}) :aggfilter <> :runCondition <> :winref 1 :winstar false :winagg true :location -1} :resno 2 :resname ksum :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false} {TARGETENTRY :expr {VAR :varno 1 :varattno 2 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 2 :location -1} :resno 3 :resname <> :ressortgroupref 1 :resorigtbl 0 :resorigcol 0 :resjunk true}) :override 0 :onConflict <> :returningOldAlias <> :returningNewAlias <> :returningList <> :groupClause <> :groupDistinct false :groupingSets <> :havingQual <> :windowClause ({WINDOWCLAUSE :name <> :refname <> :partitionClause ({SORTGROUPCLAUSE :tleSortGroupRef 1 :eqop 96 :sortop 97 :reverse_sort false :nulls_first false :hashable true}) :orderClause <> :frameOptions 1058 :startOffset <> :endOffset <> :startInRangeFunc 0 :endInRangeFunc 0 :inRangeColl 0 :inRangeAsc false :inRangeNullsFirst false :winref 1 :copiedOrder false}) :distinctClause <> :sortClause <> :limitOffset <> :limitCount <> :limitOption 0 :rowMarks <> :setOperations <> :constraintDeps <> :withCheckOptions <> :stmt_location -1 :stmt_len -1})
-- catalog
relation	89090	public	a
type	23	-1	integer
-- result
full only: a window function
-- operator tree
Recompute (the whole query, by PostgreSQL)
  Scan "public"."a"
  Scan "public"."b"
  Scan "public"."c"
  Scan "public"."d"
-- hidden columns

-- full query

-- delta statement

