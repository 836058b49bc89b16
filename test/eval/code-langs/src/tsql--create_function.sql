CREATE PROC Reporting.DeclareProblem AS
BEGIN

	DECLARE @startdate AS DATE;

	DECLARE @DateNow DATE = GETDATE();

	DECLARE @DateStart DATETIME2 = GETDATE()
			,@DateEnd DATETIME2 = GETDATE()

	DECLARE @EOMONTH DATE = ('1900-01-01')

	SET @EOMONTH = ('2000-01-01')

	IF OBJECT_ID('tempdb..#UP') IS NOT NULL DROP TABLE #UP;

END

CREATE FUNCTION dbo.ISOweek (@DATE datetime)
RETURNS int
WITH EXECUTE AS CALLER
AS
BEGIN
    DECLARE @ISOweek int;
    SET @ISOweek= DATEPART(wk,@DATE)+1
        -DATEPART(wk,CAST(DATEPART(yy,@DATE) as CHAR(4))+'0104');
--Special cases: Jan 1-3 may belong to the previous year
    IF (@ISOweek=0)
        SET @ISOweek=dbo.ISOweek(CAST(DATEPART(yy,@DATE)-1
            AS CHAR(4))+'12'+ CAST(24+DATEPART(DAY,@DATE) AS CHAR(2)))+1;
--Special case: Dec 29-31 may belong to the next year
    IF ((DATEPART(mm,@DATE)=12) AND
        ((DATEPART(dd,@DATE)-DATEPART(dw,@DATE))>= 28))
    SET @ISOweek=1;
    RETURN(@ISOweek);
END;
GO

CREATE FUNCTION F (@DATE as datetime) RETURNS INT AS BEGIN RETURN 0 END;
